package io.taskshard.scheduler;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When a schedule fires, written as one line (docs/jobs.md):
 * <pre>
 * once 2026-03-01T02:00      daily 02:00          weekly mon,fri 18:30
 * monthly 31 02:00           annually 12-31 23:00 cron 0 2 * * 1-5
 * </pre>
 * Times are wall-clock times in the schedule's zone. A monthly day past the month's end fires on
 * its last day (31 = the last day of every month); annually 02-29 fires on 02-28 in other years.
 * A time that does not exist on a day (a DST gap) is moved forward by the gap (02:30 becomes 03:30); a
 * time that exists twice (DST overlap) fires at the first of them. Cron is the 5-field Unix form
 * (minute hour day-of-month month day-of-week), read by cron-utils.
 *
 * <p>Pure: the time is always passed in, so the coordinator's (injectable) clock decides.
 */
public final class ScheduleCalendar {
    /** A fire time is looked for this many days ahead at most (every kind but cron fires within a year). */
    static final int MAX_DAYS_AHEAD = 800;
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private enum Kind { ONCE, DAILY, WEEKLY, MONTHLY, ANNUALLY, CRON }

    private final String text;
    private final Kind kind;
    private final LocalDateTime once;
    private final LocalTime time;
    private final Set<DayOfWeek> days;
    private final int dayOfMonth;
    private final int month;
    private final ExecutionTime cron;

    private ScheduleCalendar(String text, Kind kind, LocalDateTime once, LocalTime time, Set<DayOfWeek> days,
                             int dayOfMonth, int month, ExecutionTime cron) {
        this.text = text;
        this.kind = kind;
        this.once = once;
        this.time = time;
        this.days = days;
        this.dayOfMonth = dayOfMonth;
        this.month = month;
        this.cron = cron;
    }

    /** @throws IllegalArgumentException saying what is wrong and what is accepted */
    public static ScheduleCalendar parse(String when) {
        if (when == null || when.isBlank()) {
            throw new IllegalArgumentException("empty schedule; " + FORMS);
        }
        String text = when.trim().replaceAll("\\s+", " ");
        String[] w = text.split(" ", 2);
        String rest = w.length > 1 ? w[1] : "";
        String[] args = rest.isEmpty() ? new String[0] : rest.split(" ");
        try {
            return switch (w[0].toLowerCase(Locale.ROOT)) {
                case "once" -> {
                    need(args, 1, "once YYYY-MM-DDTHH:MM");
                    yield new ScheduleCalendar(text, Kind.ONCE, LocalDateTime.parse(args[0]), null, null, 0, 0, null);
                }
                case "daily" -> {
                    need(args, 1, "daily HH:MM");
                    yield new ScheduleCalendar(text, Kind.DAILY, null, LocalTime.parse(args[0]), null, 0, 0, null);
                }
                case "weekly" -> {
                    need(args, 2, "weekly mon[,tue...] HH:MM");
                    yield new ScheduleCalendar(text, Kind.WEEKLY, null, LocalTime.parse(args[1]), days(args[0]),
                            0, 0, null);
                }
                case "monthly" -> {
                    need(args, 2, "monthly DAY HH:MM (DAY 1 to 31)");
                    int day = number(args[0], 1, 31, "day of month");
                    yield new ScheduleCalendar(text, Kind.MONTHLY, null, LocalTime.parse(args[1]), null, day, 0, null);
                }
                case "annually", "yearly" -> {
                    need(args, 2, "annually MM-DD HH:MM");
                    String[] md = args[0].split("-");
                    if (md.length != 2) {
                        throw new IllegalArgumentException("'" + args[0] + "' is not a date MM-DD");
                    }
                    int m = number(md[0], 1, 12, "month");
                    int d = number(md[1], 1, java.time.Month.of(m).maxLength(), "day of month " + m);
                    yield new ScheduleCalendar(text, Kind.ANNUALLY, null, LocalTime.parse(args[1]), null, d, m, null);
                }
                case "cron" -> {
                    if (rest.isEmpty()) {
                        throw new IllegalArgumentException("cron needs an expression, e.g. 'cron 0 2 * * 1-5'");
                    }
                    Cron c = CRON.parse(rest).validate();
                    yield new ScheduleCalendar(text, Kind.CRON, null, null, null, 0, 0, ExecutionTime.forCron(c));
                }
                default -> throw new IllegalArgumentException("unknown kind '" + w[0] + "'");
            };
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("schedule '" + text + "': '" + e.getParsedString()
                    + "' is not a valid time or date (times are HH:MM, dates YYYY-MM-DDTHH:MM); " + FORMS, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schedule '" + text + "': " + e.getMessage() + "; " + FORMS, e);
        }
    }

    static final String FORMS = "write one of: once 2026-03-01T02:00, daily 02:00, weekly mon,fri 18:30, "
            + "monthly 1 02:00, annually 12-31 23:00, cron 0 2 * * 1-5";

    /** The zone named by {@code name}, e.g. {@code UTC}, {@code Europe/Berlin}. */
    public static ZoneId zone(String name) {
        try {
            return ZoneId.of(name.trim());
        } catch (DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("unknown time zone '" + name + "' (use a region like Europe/Berlin, or UTC)", e);
        }
    }

    /** The first fire time strictly after {@code after}; empty when it never fires again. */
    public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
        return switch (kind) {
            case ONCE -> {
                Instant at = once.atZone(zone).toInstant();
                yield at.isAfter(after) ? Optional.of(at) : Optional.empty();
            }
            case CRON -> cron.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
            default -> nextOnDays(after, zone);
        };
    }

    private Optional<Instant> nextOnDays(Instant after, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(after, zone).minusDays(1); // a DST shift may move the fire a day back
        for (int i = 0; i < MAX_DAYS_AHEAD; i++, day = day.plusDays(1)) {
            if (matches(day)) {
                Instant at = ZonedDateTime.of(day, time, zone).toInstant();
                if (at.isAfter(after)) {
                    return Optional.of(at);
                }
            }
        }
        return Optional.empty();
    }

    private boolean matches(LocalDate day) {
        return switch (kind) {
            case DAILY -> true;
            case WEEKLY -> days.contains(day.getDayOfWeek());
            case MONTHLY -> day.getDayOfMonth() == Math.min(dayOfMonth, day.lengthOfMonth());
            case ANNUALLY -> day.getMonthValue() == month && day.getDayOfMonth() == Math.min(dayOfMonth, day.lengthOfMonth());
            default -> false;
        };
    }

    private static void need(String[] args, int n, String form) {
        if (args.length != n) {
            throw new IllegalArgumentException("expected '" + form + "'");
        }
    }

    private static int number(String s, int min, int max, String what) {
        try {
            int v = Integer.parseInt(s);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(what + " must be a number from " + min + " to " + max + ", got '" + s + "'");
    }

    private static Set<DayOfWeek> days(String list) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String d : list.split(",")) {
            out.add(day(d.trim()));
        }
        return out;
    }

    private static DayOfWeek day(String s) {
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            if (full.equalsIgnoreCase(s) || full.substring(0, 3).equalsIgnoreCase(s)) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not a day of the week (mon, tue, ... or monday, ...)");
    }

    @Override
    public String toString() {
        return text;
    }
}
