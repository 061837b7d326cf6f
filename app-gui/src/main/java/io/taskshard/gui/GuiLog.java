package io.taskshard.gui;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import io.taskshard.cli.UserDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's log file, so an error shown on screen can name where its details are: every
 * log line also goes to {@code DATA/gui.log} ({@link UserDirs#data()}, e.g.
 * ~/.local/share/taskshard/gui.log), beside the console.
 */
final class GuiLog {
    static final String FILE_NAME = "gui.log";
    static final String DEFAULT_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0}: %msg%n";
    private static final Logger LOG = LoggerFactory.getLogger(GuiLog.class);
    private static Path file;

    private GuiLog() {
    }

    /** Adds the file appender once per process; where it could not, says so and keeps the console. */
    static synchronized void start() {
        if (file != null) {
            return;
        }
        Path target = UserDirs.current().data().resolve(FILE_NAME);
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        try {
            Files.createDirectories(target.getParent());
        } catch (java.io.IOException e) {
            LOG.warn("cannot create {} for the dashboard's log: {}; log lines go to the console only",
                    target.getParent(), e.getMessage());
            return;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(DEFAULT_PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("taskshard-gui-file");
        appender.setFile(target.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        file = target;
    }

    /** Where the log lines are, for messages. */
    static synchronized String describe() {
        return file == null ? "the console (standard error) of this taskshard process" : file.toString();
    }
}
