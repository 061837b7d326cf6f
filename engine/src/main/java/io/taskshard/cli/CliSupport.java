package io.taskshard.cli;

import ch.qos.logback.classic.Level;
import io.taskshard.model.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Pieces every {@code taskshard} command shares (serve, peer, demo, and the UIs to come). */
public final class CliSupport {
    private CliSupport() {
    }

    /** Sets the root log level (commands quieten routine logs, {@code --verbose} raises them). */
    public static void setRootLogLevel(Level level) {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(level);
        }
    }

    /** picocli converter for durations: {@code 10s}, {@code 1500ms}, {@code 2m}; a bare number (but 0) is refused. */
    public static final class DurationMillis implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Durations.parseMillis(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
