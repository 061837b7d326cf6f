package io.taskshard.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLogTest {
    @Test
    void atMostNLinesPerWindowThenOneLineSayingHowManyWereLeftOut() {
        Logger logger = (Logger) LoggerFactory.getLogger("rate-limited-log-test");
        logger.setLevel(Level.INFO); // the console default is WARN; this test is about INFO lines
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        AtomicLong now = new AtomicLong(1_000);
        RateLimitedLog log = new RateLimitedLog(logger, 3, 1_000, now::get);
        for (int i = 0; i < 10; i++) {
            log.info("refused {}", i);
        }
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("refused 0", "refused 1", "refused 2");
        now.addAndGet(1_000);
        log.info("refused {}", 10);
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsSubsequence(
                "7 similar lines were left out in the last 1000 ms (at most 3 per 1000 ms)", "refused 10");
    }
}
