package io.taskshard.tui;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While the dashboard owns the terminal, a log line on the console would tear the screen: the
 * root logger's console appenders are taken off and a file appender put on instead; {@link
 * Redirect#close()} puts things back as they were.
 */
final class TuiLogging {
    static final String DEFAULT_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0}: %msg%n";

    private static final Logger LOG = LoggerFactory.getLogger(TuiLogging.class);

    /** The file log lines go to while a redirect is open; "" otherwise. */
    private static volatile String current = "";

    private TuiLogging() {
    }

    /** Where log lines go now (shown in the dashboard's error messages), "" when not redirected. */
    static String currentFile() {
        return current;
    }

    /** Undoes {@link #toFile}. */
    interface Redirect extends AutoCloseable {
        @Override
        void close();
    }

    /** Sends every log line to {@code file} (appending) instead of the console until closed. */
    static Redirect toFile(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            LOG.warn("logging is not logback ({}): cannot move log lines off the terminal; they may show over"
                    + " the dashboard", LoggerFactory.getILoggerFactory().getClass().getName());
            return () -> { };
        }
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(DEFAULT_PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
        fileAppender.setContext(context);
        fileAppender.setName("taskshard-tui-file");
        fileAppender.setFile(file.toString());
        fileAppender.setAppend(true);
        fileAppender.setEncoder(encoder);
        fileAppender.start();
        List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> a = it.next();
            if (a instanceof ConsoleAppender) {
                consoles.add(a);
            }
        }
        root.addAppender(fileAppender);
        consoles.forEach(root::detachAppender);
        LOG.info("dashboard started: log lines go to {} until it closes", file);
        current = file.toAbsolutePath().toString();
        return () -> {
            current = "";
            consoles.forEach(root::addAppender);
            root.detachAppender(fileAppender);
            fileAppender.stop();
        };
    }
}
