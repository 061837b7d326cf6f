package io.taskshard.cli;

import io.taskshard.auth.Role;
import io.taskshard.auth.TokenRecord;
import io.taskshard.store.StoreException;
import io.taskshard.store.TokenStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code taskshard token create|list|revoke}: manages API tokens in the data directory's
 * SQLite file directly, so it works while the server runs (it sees changes within seconds).
 */
@Command(name = "token",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Manages API tokens (roles: peer, viewer, operator, admin) in the server's data directory.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class},
        footer = {"",
            "Works on the SQLite file directly, also while the server runs; it picks changes",
            "up within seconds.",
            "The secret is printed once, by create; only its SHA-256 is stored.",
            "",
            "Examples:",
            "  taskshard token create --role admin --name me --data /var/lib/taskshard",
            "  taskshard token create --role peer --name ci-runners",
            "  taskshard token list",
            "  taskshard token revoke ci-runners",
            "",
            "Exit codes: 0 done, 1 the store failed, 2 usage error (unknown role, name taken,",
            "no such token)."})
final class TokenCommand implements Runnable {
    /** The footer line of each token subcommand. */
    static final String EXIT_CODES = "Exit codes: 0 done, 1 the store failed, 2 usage error.";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: create, list or revoke");
    }

    /** {@code --data}, shared by the subcommands. */
    static final class DataOption {
        @Option(names = "--data", paramLabel = "DIR",
                description = "The server's data directory (default: $XDG_DATA_HOME/taskshard or ~/.local/share/taskshard).")
        Path dataDir;

        Path dir() {
            return dataDir != null ? dataDir : ServeCommand.defaultDataDir();
        }
    }

    /** Runs {@code body} on the token store, turning refusals into exit codes with a message. */
    static int withStore(CommandLine.Model.CommandSpec spec, DataOption data, StoreCall body) {
        PrintWriter err = spec.commandLine().getErr();
        try (TokenStore store = TokenStore.open(data.dir())) {
            return body.run(store, spec.commandLine().getOut());
        } catch (IllegalArgumentException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (StoreException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return Main.EXIT_FAILURE;
        } finally {
            err.flush();
            spec.commandLine().getOut().flush();
        }
    }

    @FunctionalInterface
    interface StoreCall {
        int run(TokenStore store, PrintWriter out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a token and prints its secret (once: it cannot be shown again).",
            footer = {"", "Examples:",
                "  taskshard token create --role operator --name alice --data /var/lib/taskshard",
                "  TASKSHARD_TOKEN=$(taskshard token create --role peer --name ci --quiet)",
                "", EXIT_CODES})
    static final class Create implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        DataOption data = new DataOption();

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "peer (joins as a peer only), viewer (reads), operator (also steers), admin (everything).")
        String role;

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "Who holds it; shown in the audit log. Unique among live tokens.")
        String name;

        @Option(names = {"-q", "--quiet"}, description = "Print only the secret (for scripts).")
        boolean quiet;

        @Override
        public Integer call() {
            return withStore(spec, data, (store, out) -> {
                TokenStore.Created created = store.create(name, Role.parse(role), Clock.systemUTC().millis());
                if (quiet) {
                    out.println(created.secret());
                    return Main.EXIT_OK;
                }
                out.printf("created token '%s' (id %d, role %s)%n", created.token().name(), created.token().id(),
                        created.token().role().label());
                out.println();
                out.println("  " + created.secret());
                out.println();
                out.println("This secret is shown only now; store it safely. Use it as --token or TASKSHARD_TOKEN.");
                return Main.EXIT_OK;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists tokens: id, name, role, created, revoked. Never the secrets.",
            footer = {"", "Examples:", "  taskshard token list --data /var/lib/taskshard", "", EXIT_CODES})
    static final class ListTokens implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        DataOption data = new DataOption();

        @Override
        public Integer call() {
            return withStore(spec, data, (store, out) -> {
                out.print(table(store.list()));
                return Main.EXIT_OK;
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes a live token by name or id; the server refuses it within seconds.",
            footer = {"", "Examples:", "  taskshard token revoke alice", "  taskshard token revoke --name alice",
                "  taskshard token revoke 3 --data /var/lib/taskshard", "", EXIT_CODES})
    static final class Revoke implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        DataOption data = new DataOption();

        @Parameters(paramLabel = "NAME|ID", arity = "0..1", description = "The token to revoke.")
        String token;

        @Option(names = "--name", paramLabel = "NAME", description = "The token to revoke, as a flag.")
        String name;

        @Override
        public Integer call() {
            if ((token == null) == (name == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "name the token to revoke once: 'revoke NAME' or 'revoke --name NAME'");
            }
            String which = token != null ? token : name;
            return withStore(spec, data, (store, out) -> {
                TokenRecord revoked = store.revoke(which, Clock.systemUTC().millis());
                out.printf("revoked token '%s' (id %d, role %s)%n", revoked.name(), revoked.id(), revoked.role().label());
                return Main.EXIT_OK;
            });
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    /** The list as a table (pure). */
    static String table(List<TokenRecord> tokens) {
        if (tokens.isEmpty()) {
            return "no tokens (auth is off on a loopback server); create one with 'taskshard token create'\n";
        }
        int nameWidth = Math.max(4, tokens.stream().mapToInt(t -> t.name().length()).max().orElse(4));
        StringBuilder sb = new StringBuilder();
        String row = "%-4s  %-" + nameWidth + "s  %-8s  %-17s  %s%n";
        sb.append(String.format(row, "ID", "NAME", "ROLE", "CREATED", "REVOKED"));
        for (TokenRecord t : tokens) {
            sb.append(String.format(row, t.id(), t.name(), t.role().label(), TIME.format(Instant.ofEpochMilli(t.createdAt())),
                    t.revoked() ? TIME.format(Instant.ofEpochMilli(t.revokedAt())) : "-"));
        }
        return sb.toString();
    }
}
