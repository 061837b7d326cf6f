package io.taskshard.cli;

import io.taskshard.store.SqliteMaintenance;
import io.taskshard.store.StoreException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code taskshard backup FILE}: an online copy of the coordinator's database. */
@Command(name = "backup",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Copies the coordinator's database to FILE, safely while the server runs (SQLite VACUUM INTO),"
                + " and checks the copy.",
        footer = {"",
            "The copy holds every batch committed when the backup started. To restore it:",
            "stop the server, move taskshard.db (and taskshard.db-wal, -shm) out of the data",
            "directory, copy FILE there as taskshard.db, start the server. Peers resend the",
            "results the backup does not have.",
            "",
            "Examples:",
            "  taskshard backup /backups/taskshard-$(date +%%F).db --data /var/lib/taskshard",
            "  taskshard backup snapshot.db",
            "      from the default data directory (as for serve)",
            "",
            "Exit codes: 0 backed up and checked, 1 the backup failed, 2 usage error."})
final class BackupCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the copy; must not exist yet.")
    Path target;

    @Option(names = "--data", paramLabel = "DIR", description = "The server's data directory (default: as for serve).")
    Path dataDir;

    @Override
    public Integer call() {
        Path data = dataDir != null ? dataDir : ServeCommand.defaultDataDir();
        try {
            SqliteMaintenance.BackupResult r = SqliteMaintenance.backup(data, target);
            spec.commandLine().getOut().printf("backed up %s to %s (%,d bytes, integrity checked)%n", r.source(),
                    r.target(), r.bytes());
            spec.commandLine().getOut().flush();
            return Main.EXIT_OK;
        } catch (StoreException e) {
            spec.commandLine().getErr().println("taskshard backup: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return Main.EXIT_FAILURE;
        }
    }
}
