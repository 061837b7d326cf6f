package io.taskshard.runners.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which {@link DemoDashboard} the demo opens: the one named, if it is on the classpath and can
 * open here; otherwise none, and why (said to the user).
 *
 * @param dashboard the dashboard to open, if any
 * @param why       empty when one was found; else e.g. "the tui dashboard is not installed"
 */
record DashboardChoice(Optional<DemoDashboard> dashboard, String why) {

    static DashboardChoice find(String name, Iterable<DemoDashboard> available) {
        List<String> names = new ArrayList<>();
        for (DemoDashboard d : available) {
            if (!d.name().equals(name)) {
                names.add(d.name());
                continue;
            }
            Optional<String> unavailable = d.unavailableReason();
            return unavailable.map(reason -> new DashboardChoice(Optional.empty(), reason))
                    .orElseGet(() -> new DashboardChoice(Optional.of(d), ""));
        }
        return new DashboardChoice(Optional.empty(), "the " + name + " dashboard is not installed"
                + (names.isEmpty() ? "" : " (found: " + String.join(", ", names) + ")"));
    }
}
