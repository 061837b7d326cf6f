"""The `work` macro: one genrule standing for one build step of a known length."""

def work(name, seconds, deps = []):
    """A genrule that sleeps `seconds`, burns a little CPU and writes `<name>.out`.

    The output holds the genrule's own output path and the digest of each input, so a target
    with `deps` really consumes what its dependencies produced (and misses the cache when
    they change).

    Args:
      name: the target name.
      seconds: how long the step takes, e.g. "2.5" (a string, as `sleep` reads it).
      deps: targets whose outputs this step reads.
    """
    native.genrule(
        name = name,
        srcs = deps,
        outs = [name + ".out"],
        cmd = "$(location //tools:work.sh) %s $@ $(SRCS)" % seconds,
        tools = ["//tools:work.sh"],
    )
