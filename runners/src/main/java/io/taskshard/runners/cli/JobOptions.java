package io.taskshard.runners.cli;

import io.taskshard.cli.CliSupport;
import io.taskshard.client.Submission;
import io.taskshard.model.Schema;
import io.taskshard.schema.SchemaLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that describe a job for workers, shared by {@code submit} and {@code schedule add}
 * (a picocli mixin). Every override applies to every task of the schema.
 */
final class JobOptions {
    @Option(names = "--schema", paramLabel = "FILE", required = true,
            description = "The schema file (YAML or JSON). E.g. --schema schemas/rich.yaml")
    Path schemaFile;

    @Option(names = "--priority", paramLabel = "N",
            description = "Every task's priority; higher goes first (default: each task's own, else 0). E.g. --priority 10")
    Integer priority;

    @Option(names = "--labels", paramLabel = "LABEL", split = ",",
            description = "Labels a worker must offer to take the tasks. E.g. --labels linux,gpu")
    List<String> labels;

    @Option(names = "--resource-class", paramLabel = "NAME",
            description = "A resource preset of the server: basic, regular, premium (or one its config adds). "
                    + "E.g. --resource-class regular")
    String resourceClass;

    @Option(names = "--resources", paramLabel = "cpu=N,memoryMb=M",
            description = "What every task needs (instead of --resource-class). E.g. --resources cpu=2,memoryMb=4096")
    String resources;

    @Option(names = "--attempts", paramLabel = "N",
            description = "Attempts per task before it fails (retries wait 1s, 2s, 4s... up to 5m). E.g. --attempts 3")
    Integer attempts;

    @Option(names = "--exec-cap", paramLabel = "DURATION", converter = CliSupport.DurationMillis.class,
            description = "Execution cap of one attempt; a longer one is cancelled and fails. E.g. --exec-cap 30m")
    Long execCapMs;

    @Option(names = "--delay-tolerance", paramLabel = "DURATION", converter = CliSupport.DurationMillis.class,
            description = "How long a task may wait for a worker; the queue serves tasks closest to breaching "
                    + "it first. E.g. --delay-tolerance 10m")
    Long delayToleranceMs;

    /** The schema file, loaded and checked here (errors name the file). */
    Schema schema() {
        return SchemaLoader.load(schemaFile);
    }

    /** @throws IllegalArgumentException naming the option that is wrong */
    Submission submission(Schema schema) {
        if (resources != null && resourceClass != null) {
            throw new IllegalArgumentException("give --resources or --resource-class, not both");
        }
        if (attempts != null && attempts < 1) {
            throw new IllegalArgumentException("--attempts must be at least 1, got " + attempts);
        }
        Submission s = Submission.of(schema);
        if (priority != null) {
            s = s.withPriority(priority);
        }
        if (labels != null) {
            s = s.withLabels(labels.stream().map(String::trim).filter(l -> !l.isEmpty()).toList());
        }
        if (resources != null) {
            s = s.withResources(ResourcesOption.parse(resources, null, null));
        }
        if (resourceClass != null) {
            s = s.withResourceClass(resourceClass.trim());
        }
        if (attempts != null) {
            s = s.withAttempts(attempts);
        }
        if (execCapMs != null) {
            s = s.withExecCap(positive(execCapMs, "--exec-cap"));
        }
        if (delayToleranceMs != null) {
            s = s.withDelayTolerance(positive(delayToleranceMs, "--delay-tolerance"));
        }
        return s;
    }

    private static Duration positive(long ms, String option) {
        if (ms <= 0) {
            throw new IllegalArgumentException(option + " must be positive, got " + ms + " ms");
        }
        return Duration.ofMillis(ms);
    }
}
