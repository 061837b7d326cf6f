package io.taskshard.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Next fire times of every calendar kind, including month ends, leap years and DST. */
class ScheduleCalendarTest {

    @ParameterizedTest(name = "{0} after {1} in {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            daily 02:00            | 2025-01-31T02:00:00Z | UTC           | 2025-02-01T02:00:00Z
            daily 02:00            | 2025-01-31T01:59:59Z | UTC           | 2025-01-31T02:00:00Z
            daily 02:00            | 2024-12-31T03:00:00Z | UTC           | 2025-01-01T02:00:00Z
            weekly mon,fri 18:30   | 2025-01-30T00:00:00Z | UTC           | 2025-01-31T18:30:00Z
            weekly monday 18:30    | 2025-01-31T19:00:00Z | UTC           | 2025-02-03T18:30:00Z
            monthly 31 02:00       | 2025-01-31T03:00:00Z | UTC           | 2025-02-28T02:00:00Z
            monthly 31 02:00       | 2024-02-01T00:00:00Z | UTC           | 2024-02-29T02:00:00Z
            monthly 1 00:00        | 2025-12-15T00:00:00Z | UTC           | 2026-01-01T00:00:00Z
            annually 02-29 12:00   | 2025-01-01T00:00:00Z | UTC           | 2025-02-28T12:00:00Z
            annually 12-31 23:00   | 2025-12-31T23:00:00Z | UTC           | 2026-12-31T23:00:00Z
            daily 02:30            | 2025-03-29T12:00:00Z | Europe/Berlin | 2025-03-30T01:30:00Z
            daily 02:00            | 2025-01-31T00:30:00Z | Europe/Berlin | 2025-01-31T01:00:00Z
            daily 02:00            | 2025-01-31T01:00:00Z | Europe/Berlin | 2025-02-01T01:00:00Z
            cron 0 2 * * 1-5       | 2025-01-31T02:00:00Z | UTC           | 2025-02-03T02:00:00Z
            cron */15 * * * *      | 2025-01-31T02:07:00Z | UTC           | 2025-01-31T02:15:00Z
            once 2025-06-01T08:00  | 2025-01-01T00:00:00Z | Europe/Berlin | 2025-06-01T06:00:00Z
            """)
    void nextFireTime(String when, String after, String zone, String expected) {
        assertThat(ScheduleCalendar.parse(when).nextAfter(Instant.parse(after), ZoneId.of(zone)))
                .contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            once 2025-06-01T08:00 | 2025-06-01T08:00:00Z
            once 2025-06-01T08:00 | 2025-07-01T00:00:00Z
            """)
    void aOnceScheduleNeverFiresAgainAfterItsTime(String when, String after) {
        assertThat(ScheduleCalendar.parse(when).nextAfter(Instant.parse(after), ZoneId.of("UTC")))
                .isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            hourly 02:00          | unknown kind 'hourly'
            daily 25:00           | '25:00' is not a valid time
            weekly sun            | expected 'weekly mon[,tue...] HH:MM'
            weekly funday 10:00   | 'funday' is not a day of the week
            monthly 32 02:00      | day of month must be a number from 1 to 31
            annually 02-30 02:00  | day of month 2 must be a number from 1 to 29
            cron 61 * * * *       | schedule 'cron 61 * * * *'
            ''                    | empty schedule
            """)
    void badCalendarsAreRefusedWithTheReason(String when, String reason) {
        assertThatThrownBy(() -> ScheduleCalendar.parse(when)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason).hasMessageContaining("write one of");
    }
}
