#!/usr/bin/env bash
# Builds taskshard's Linux packages with jpackage: a self-contained app-image (own Java runtime,
# JavaFX included, made by jlink) and, from it, a .deb with a systemd unit for the server.
set -euo pipefail

usage() {
  cat << 'EOF'
Usage: packaging/jpackage/build.sh [app-image|deb] [--dest DIR]

Builds taskshard (./mvnw package, only when sources changed), links a Java runtime with JavaFX
(jlink), and packages it with jpackage. Every launcher runs io.taskshard.cli.Main with a fixed
first command:
  taskshard          gui    desktop app (icon and desktop entry in the .deb)
  taskshard-tui      tui    terminal UI
  taskshard-server   serve  headless coordinator (the systemd unit runs this)
  taskshard-peer     peer   a CI peer
Each answers --version and --help.

Targets:
  app-image   DEST/taskshard/ (bin/ holds the launchers)            (default)
  deb         the app-image, then DEST/taskshard_VERSION_ARCH.deb: /opt/taskshard, links in
              /usr/bin, /usr/lib/systemd/system/taskshard.service, /etc/taskshard/server.yaml,
              the desktop entry /usr/share/applications/taskshard.desktop
              (needs fakeroot and dpkg-deb)

Options:
  --dest DIR  where the packages go (default: target/packaging in the project)
  -h, --help  this text

Environment:
  JAVA_HOME             a JDK >= 21 with jlink and jpackage (default: found by bin/find-jdk.sh)
  TASKSHARD_JAVAFX_VERSION
                        JavaFX to link when no module ships JavaFX jars in target/lib
                        (default: the root pom's javafx.version, else DEFAULT_JAVAFX_VERSION)

Examples:
  packaging/jpackage/build.sh                  # app-image in target/packaging/taskshard
  target/packaging/taskshard/bin/taskshard-server --port 8080
  packaging/jpackage/build.sh deb              # and the .deb next to it
  sudo apt-get install ./target/packaging/taskshard_0.1.0_amd64.deb
  packaging/jpackage/build.sh deb --dest /tmp/pkg
EOF
}

# Modules whose jar and target/lib/* make up the app, as in ./taskshard; missing ones are skipped.
TASKSHARD_MODULES=(engine runners app-tui app-gui)
APP_NAME=taskshard
APP_DESCRIPTION="Shards a big set of build tasks across CI peers through one coordinator"
MAIN_CLASS=io.taskshard.cli.Main
MAIN_LAUNCHER_COMMAND=gui
# Added launchers: name and the command it runs.
EXTRA_LAUNCHERS=(taskshard-tui:tui taskshard-server:serve taskshard-peer:peer)
DEFAULT_JAVAFX_VERSION=21.0.12
# JavaFX artifacts linked when no module brings its own (javafx-controls pulls in the others).
DEFAULT_JAVAFX_ARTIFACTS=(javafx-base javafx-graphics javafx-controls)
# JDK modules the app loads by name at run time, which jdeps cannot see in the bytecode: the
# EC/PKCS11 crypto providers (TLS to https coordinators), zip file systems, extra charsets.
# Not jdk.localedata (+10 MB): without it dates and numbers are formatted the English way.
EXTRA_JDK_MODULES=(jdk.crypto.ec jdk.crypto.cryptoki jdk.zipfs jdk.charsets)
# JVM options of every launcher. sqlite-jdbc and JavaFX load native code: allowed up front so
# JDK 24+ does not warn. The sqlite library is taken from the image (native/), so nothing is
# unpacked at run time into a temp dir that may be mounted noexec.
COMMON_JAVA_OPTIONS=(
  "--enable-native-access=ALL-UNNAMED,javafx.graphics"
  "-Dorg.sqlite.lib.path=\$APPDIR/native"
  "-Dorg.sqlite.lib.name=libsqlitejdbc.so"
  # A coordinator out of memory cannot keep its promises (commit before send): end it, let the
  # service manager restart it from the store, rather than limp on with threads dying one by one.
  "-XX:+ExitOnOutOfMemoryError"
)
# The system property io.taskshard.cli.Main reads its fixed first command from.
LAUNCHER_COMMAND_PROPERTY=taskshard.command

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd "$here/../.." && pwd -P)

step() { printf '==> %s\n' "$*" >&2; }
die() {
  printf 'build.sh: %s\n' "$*" >&2
  exit 1
}

# ---- inputs -----------------------------------------------------------------------------------

find_tools() {
  step "finding a JDK with jlink and jpackage"
  # shellcheck source=bin/find-jdk.sh
  . "$root/bin/find-jdk.sh" || die "no JDK found (see above)"
  local tool
  for tool in jlink jpackage jdeps; do
    [[ -x $JAVA_HOME/bin/$tool ]] || die "$JAVA_HOME has no bin/$tool; point JAVA_HOME at a full JDK >= 21"
  done
  local version
  version=$(taskshard_jdk_version "$JAVA_HOME")
  echo "    JDK: $JAVA_HOME ($version)" >&2
  # JavaFX 21 allocates off-heap memory through sun.misc.Unsafe, which JDK 24+ warns about on
  # every start; the option that allows it exists from JDK 23 on (older JVMs refuse to start with it).
  if (($(taskshard_java_major "$version") >= 23)); then
    COMMON_JAVA_OPTIONS+=("--sun-misc-unsafe-memory-access=allow")
  fi
}

# Builds through the ./taskshard launcher, which rebuilds only when a source or pom changed (and
# takes a lock against a parallel build); prints the version the built CLI reports.
build_project() {
  step "building the project if sources changed (./mvnw -q -B -DskipTests package)"
  local answer
  answer=$("$root/taskshard" --version) || die "the build failed (see above)"
  answer=${answer##* }   # "taskshard 0.1.0-SNAPSHOT" -> "0.1.0-SNAPSHOT"
  echo "    built taskshard $answer" >&2
  printf '%s\n' "$answer"
}

modules_present() {
  local module
  for module in "${TASKSHARD_MODULES[@]}"; do
    if [[ -f $root/$module/pom.xml ]]; then printf '%s\n' "$module"; fi
  done
}

# Prints the main jar of module $1 (not -sources/-javadoc/-tests).
module_jar() {
  local jar
  for jar in "$root/$1"/target/*.jar; do
    case $jar in *-sources.jar | *-javadoc.jar | *-tests.jar | */original-*) continue ;; esac
    if [[ -f $jar ]]; then
      printf '%s\n' "$jar"
      return 0
    fi
  done
  die "no jar in $root/$1/target"
}

# Copies every module jar and its runtime dependencies into $1, one copy per file name,
# JavaFX excepted (it goes into the runtime); JavaFX jars found go to $2. Prints the main jar's name.
collect_jars() {
  local input=$1 fxdir=$2 module jar name main_jar=""
  step "collecting the module jars and their dependencies"
  for module in $(modules_present); do
    jar=$(module_jar "$module")
    cp "$jar" "$input/"
    if [[ -z $main_jar ]]; then main_jar=$(basename "$jar"); fi
    for jar in "$root/$module"/target/lib/*.jar; do
      [[ -f $jar ]] || continue
      name=$(basename "$jar")
      case $name in
        javafx-*-linux*.jar) cp "$jar" "$fxdir/" ;;
        javafx-*.jar) ;;   # the empty, platform-less JavaFX jars
        *) if [[ ! -e $input/$name ]]; then cp "$jar" "$input/"; fi ;;
      esac
    done
    echo "    $module: $(basename "$(module_jar "$module")") + $(find "$root/$module/target/lib" -name '*.jar' 2> /dev/null | wc -l) dependency jars" >&2
  done
  printf '%s\n' "$main_jar"
}

# Linux CPU name as sqlite-jdbc and JavaFX call it.
arch_names() {
  case $(uname -m) in
    x86_64 | amd64) sqlite_arch=x86_64 fx_classifier=linux ;;
    aarch64 | arm64) sqlite_arch=aarch64 fx_classifier=linux-aarch64 ;;
    *) die "unsupported CPU $(uname -m): JavaFX ships Linux builds for x86_64 and aarch64 only" ;;
  esac
}

# Unpacks sqlite-jdbc's native library for this CPU into $1/native.
extract_sqlite_native() {
  local input=$1 jar entry
  step "extracting sqlite-jdbc's native library for linux-$sqlite_arch into the image"
  jar=$(find "$input" -maxdepth 1 -name 'sqlite-jdbc-*.jar' | head -n 1)
  [[ -n $jar ]] || die "no sqlite-jdbc jar among the dependencies"
  entry=org/sqlite/native/Linux/$sqlite_arch/libsqlitejdbc.so
  mkdir -p "$input/native"
  unzip -q -j -o "$jar" "$entry" -d "$input/native" || die "$(basename "$jar") has no $entry"
}

javafx_version() {
  local version=${TASKSHARD_JAVAFX_VERSION:-}
  if [[ -z $version ]]; then
    version=$(sed -n 's:.*<javafx.version>\(.*\)</javafx.version>.*:\1:p' "$root/pom.xml" | head -n 1)
  fi
  printf '%s\n' "${version:-$DEFAULT_JAVAFX_VERSION}"
}

# Fills $1 with JavaFX's platform jars unless a module's target/lib already brought them:
# from ~/.m2, downloading from Maven Central only when they are not there yet.
fetch_javafx() {
  local fxdir=$1 version artifact coords
  if compgen -G "$fxdir/javafx-*.jar" > /dev/null; then
    step "using the JavaFX jars the modules depend on: $(cd "$fxdir" && echo javafx-*.jar)"
    return 0
  fi
  version=$(javafx_version)
  step "fetching JavaFX $version ($fx_classifier) through Maven (no module ships it yet)"
  for artifact in "${DEFAULT_JAVAFX_ARTIFACTS[@]}"; do
    coords=org.openjfx:$artifact:$version:jar:$fx_classifier
    (cd "$root" && ./mvnw -q -B -N -o dependency:copy -Dartifact="$coords" -DoutputDirectory="$fxdir" < /dev/null > /dev/null 2>&1) \
      || (cd "$root" && ./mvnw -q -B -N dependency:copy -Dartifact="$coords" -DoutputDirectory="$fxdir" < /dev/null) \
      || die "cannot get $coords from Maven"
  done
}

# ---- runtime and image ------------------------------------------------------------------------

# Prints the modules to link, comma-separated: what jdeps finds the jars use, the ones loaded by
# name (EXTRA_JDK_MODULES) and every JavaFX module in $2.
runtime_modules() {
  local input=$1 fxdir=$2 found fx jar
  found=$("$JAVA_HOME/bin/jdeps" -q --ignore-missing-deps --multi-release 21 --print-module-deps \
    --module-path "$fxdir" --class-path "$input/*" "$input"/*.jar) || die "jdeps failed on the app's jars"
  for fx in "$fxdir"/*.jar; do
    jar=$(basename "$fx")
    found+=",$(printf '%s' "$jar" | sed -E 's/^javafx-([a-z]+)-.*/javafx.\1/')"
  done
  for fx in "${EXTRA_JDK_MODULES[@]}"; do
    # Modules may come and go between JDKs (jdk.crypto.ec is empty since 22): link only what is there.
    if "$JAVA_HOME/bin/java" --list-modules | grep -q "^$fx@"; then found+=",$fx"; fi
  done
  printf '%s\n' "$found" | tr ',' '\n' | sort -u | paste -sd, -
}

# jlinks the runtime into $3. JavaFX's native libraries go to lib/, where JavaFX looks first
# when it runs from a linked image, rather than being unpacked to ~/.openjfx at every new version.
link_runtime() {
  local input=$1 fxdir=$2 runtime=$3 modules fx natives
  modules=$(runtime_modules "$input" "$fxdir")
  step "linking a Java runtime (jlink) with: $modules"
  "$JAVA_HOME/bin/jlink" --module-path "$fxdir" --add-modules "$modules" \
    --exclude-resources='glob:/javafx.*/*.so' \
    --strip-debug --no-header-files --no-man-pages --compress=zip-6 --output "$runtime"
  for fx in "$fxdir"/*.jar; do
    natives=$(unzip -Z1 "$fx" | grep '\.so$' || true)
    if [[ -n $natives ]]; then unzip -q -j -o "$fx" '*.so' -d "$runtime/lib"; fi
  done
}

# Writes jpackage's --add-launcher properties for launcher $2 running command $3 into dir $1.
# A launcher's java-options replace the main launcher's, so each file repeats the common ones.
launcher_properties() {
  local dir=$1 name=$2 command=$3
  {
    echo "java-options=${COMMON_JAVA_OPTIONS[*]} -D$LAUNCHER_COMMAND_PROPERTY=$command"
    echo "description=taskshard $command"
    echo "linux-shortcut=false"   # a desktop entry only for the GUI
  } > "$dir/$name.properties"
}

# Sets jpackage_args to what the app-image and the .deb share: the app, its runtime and launchers.
jpackage_common_args() {
  local work=$1 version=$2 main_jar=$3 option launcher
  jpackage_args=(--name "$APP_NAME" --app-version "$(package_version "$version")"
    --description "$APP_DESCRIPTION" --vendor taskshard
    --input "$work/input" --main-jar "$main_jar" --main-class "$MAIN_CLASS"
    --runtime-image "$work/runtime" --icon "$here/taskshard.png")
  for option in "${COMMON_JAVA_OPTIONS[@]}"; do jpackage_args+=(--java-options "$option"); done
  jpackage_args+=(--java-options "-D$LAUNCHER_COMMAND_PROPERTY=$MAIN_LAUNCHER_COMMAND")
  for launcher in "${EXTRA_LAUNCHERS[@]}"; do
    launcher_properties "$work" "${launcher%%:*}" "${launcher#*:}"
    jpackage_args+=(--add-launcher "${launcher%%:*}=$work/${launcher%%:*}.properties")
  done
}

make_app_image() {
  local dest=$1
  step "packaging the app-image (jpackage --type app-image) into $dest/$APP_NAME"
  rm -rf "${dest:?}/$APP_NAME"
  "$JAVA_HOME/bin/jpackage" --type app-image --dest "$dest" "${jpackage_args[@]}"
}

# jpackage wants plain numbers: 0.1.0-SNAPSHOT -> 0.1.0.
package_version() { printf '%s\n' "${1%%-*}"; }

# ---- deb ----------------------------------------------------------------------------------------

# Built from the same input and runtime as the app-image. The desktop entry is not jpackage's
# (--linux-shortcut): that one is registered by xdg-desktop-menu in postinst, which fails on a
# headless server without a menu directory, and so would the whole install.
make_deb() {
  local work=$1 dest=$2 deb tool
  for tool in fakeroot dpkg-deb; do
    command -v "$tool" > /dev/null || die "making a .deb needs $tool: sudo apt-get install $tool"
  done
  step "packaging the .deb (jpackage --type deb; compressing takes a while)"
  rm -rf "$work/deb" && mkdir -p "$work/deb"
  "$JAVA_HOME/bin/jpackage" --type deb --dest "$work/deb" "${jpackage_args[@]}" \
    --linux-package-name "$APP_NAME" --linux-deb-maintainer taskshard@localhost \
    --linux-app-category devel --resource-dir "$here/deb"
  deb=$(find "$work/deb" -maxdepth 1 -name '*.deb' | head -n 1)
  [[ -n $deb ]] || die "jpackage made no .deb in $work/deb"
  add_system_files "$work" "$deb" "$dest"
}

# jpackage puts everything under /opt; some files belong elsewhere, owned by the package so
# dpkg upgrades and removes them: the unit, the config (a conffile: kept when edited), links in
# /usr/bin, and the desktop entry and its icon where desktops look for them. Unpacks $2, adds them, and packs it again into $3: with gzip, which takes
# 4 s here where xz takes 40 s, for a .deb 7% bigger.
add_system_files() {
  local work=$1 deb=$2 dest=$3 tree=$1/deb-tree launcher
  step "adding the systemd unit, /etc/taskshard/server.yaml and /usr/bin links to the .deb"
  rm -rf "$tree"
  dpkg-deb -R "$deb" "$tree"
  install -D -m 0644 "$root/packaging/systemd/taskshard.service" "$tree/usr/lib/systemd/system/taskshard.service"
  install -D -m 0644 "$root/packaging/systemd/server.yaml" "$tree/etc/taskshard/server.yaml"
  echo /etc/taskshard/server.yaml >> "$tree/DEBIAN/conffiles"
  install -D -m 0644 "$here/taskshard.desktop" "$tree/usr/share/applications/taskshard.desktop"
  install -D -m 0644 "$here/taskshard.png" "$tree/usr/share/icons/hicolor/256x256/apps/taskshard.png"
  mkdir -p "$tree/usr/bin"
  for launcher in "$APP_NAME" "${EXTRA_LAUNCHERS[@]%%:*}"; do
    ln -s "/opt/$APP_NAME/bin/$launcher" "$tree/usr/bin/$launcher"
  done
  sed -i "s/^Installed-Size: .*/Installed-Size: $(du -sk --exclude=DEBIAN "$tree" | cut -f1)/" "$tree/DEBIAN/control"
  # jpackage adds xdg-utils for its own desktop registration, which this package does not use.
  sed -i '/^Depends:/ { s/xdg-utils, //; s/, xdg-utils// }' "$tree/DEBIAN/control"
  dpkg-deb --root-owner-group --build -Zgzip "$tree" "$dest/$(basename "$deb")" > /dev/null
  rm -rf "$tree"
}

# ---- main -----------------------------------------------------------------------------------

main() {
  local target=app-image dest=$root/target/packaging
  while (($# > 0)); do
    case $1 in
      app-image | deb) target=$1 ;;
      --dest)
        [[ $# -ge 2 ]] || die "--dest needs a directory"
        dest=$2
        shift
        ;;
      -h | --help)
        usage
        return 0
        ;;
      *) die "unknown argument '$1'; try --help" ;;
    esac
    shift
  done
  local started=$SECONDS version main_jar work
  mkdir -p "$dest"
  dest=$(cd "$dest" && pwd -P)
  work=$dest/work
  rm -rf "$work" && mkdir -p "$work/input" "$work/javafx"

  find_tools
  arch_names
  version=$(build_project)
  main_jar=$(collect_jars "$work/input" "$work/javafx")
  extract_sqlite_native "$work/input"
  fetch_javafx "$work/javafx"
  link_runtime "$work/input" "$work/javafx" "$work/runtime"
  jpackage_common_args "$work" "$version" "$main_jar"
  make_app_image "$dest"
  step "app-image: $dest/$APP_NAME ($(du -sh "$dest/$APP_NAME" | cut -f1)); launchers: $(cd "$dest/$APP_NAME/bin" && echo *)"
  if [[ $target == deb ]]; then
    make_deb "$work" "$dest"
    step "deb: $(find "$dest" -maxdepth 1 -name '*.deb' -newer "$work/input" -printf '%p (%s bytes)\n' | head -n 1)"
  fi
  rm -rf "$work"
  step "done in $((SECONDS - started)) s"
}

main "$@"
