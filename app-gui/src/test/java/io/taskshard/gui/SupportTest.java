package io.taskshard.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupportTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void coalescer_runs_once_for_a_storm_of_signals_and_again_for_a_later_one() {
        List<Runnable> queued = new ArrayList<>();
        int[] runs = {0};
        Coalescer c = new Coalescer(queued::add, () -> runs[0]++);

        for (int i = 0; i < 1000; i++) {
            c.signal();
        }
        assertThat(queued).hasSize(1);
        queued.remove(0).run();
        c.signal();

        assertThat(runs[0]).isEqualTo(1);
        assertThat(queued).hasSize(1);
    }

    @Test
    void server_history_puts_the_latest_first_without_repeats_and_is_bounded() {
        ServerHistory h = new ServerHistory(List.of());
        for (int i = 0; i < 15; i++) {
            h = h.use("host" + i + ":7070");
        }
        h = h.use("host10:7070").use("  ");

        assertThat(h.servers()).hasSize(ServerHistory.DEFAULT_MAX_SERVERS).startsWith("host10:7070", "host14:7070")
                .doesNotHaveDuplicates();
    }

    @Test
    void window_layout_survives_broken_values_and_round_trips() {
        WindowLayout broken = WindowLayout.fromMap(Map.of("window.width", "huge", "window.height", "12",
                "split.main", "7"));
        assertThat(broken).isEqualTo(WindowLayout.DEFAULT);

        WindowLayout l = new WindowLayout(10, 20, 1200, 800, true, 0.3, 0.5, 0.6);
        assertThat(WindowLayout.fromMap(l.toMap())).isEqualTo(l);
    }

    @Test
    void settings_remember_servers_and_layout_across_loads() {
        GuiSettings s = GuiSettings.load(dir);
        s.rememberServer("ci:7070");
        s.rememberLayout(new WindowLayout(1, 2, 1000, 700, false, 0.4, 0.5, 0.6));

        GuiSettings again = GuiSettings.load(dir);

        assertThat(again.servers().servers()).containsExactly("ci:7070");
        assertThat(again.layout().width()).isEqualTo(1000);
    }

    @Test
    void display_check_names_what_is_missing() {
        assertThat(DisplayCheck.unavailableReason(Map.of(), null)).get().asString().contains("DISPLAY");
        assertThat(DisplayCheck.unavailableReason(Map.of("DISPLAY", ":0"), null)).isEmpty();
        assertThat(DisplayCheck.unavailableReason(Map.of("WAYLAND_DISPLAY", "wayland-0"), null)).isEmpty();
        assertThat(DisplayCheck.unavailableReason(Map.of(), "Monocle")).isEmpty();
    }
}
