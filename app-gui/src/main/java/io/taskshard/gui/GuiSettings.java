package io.taskshard.gui;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app's remembered state in {@code <config>/gui.properties} (by default
 * {@code ~/.config/taskshard}): the servers of the connect dialog and the window layout.
 * Failing to read or write it is logged and otherwise ignored: it is a convenience, and the
 * dashboard must open without it. Tokens are not stored.
 */
public final class GuiSettings {
    public static final String FILE_NAME = "gui.properties";
    private static final Logger log = LoggerFactory.getLogger(GuiSettings.class);
    private static final String SERVER_KEY = "server.";

    private final Path file;
    private ServerHistory servers;
    private WindowLayout layout;

    private GuiSettings(Path file, ServerHistory servers, WindowLayout layout) {
        this.file = file;
        this.servers = servers;
        this.layout = layout;
    }

    /** Reads {@code configDir/gui.properties}; defaults when it is missing or unreadable. */
    public static GuiSettings load(Path configDir) {
        Path file = configDir.resolve(FILE_NAME);
        Map<String, String> map = new HashMap<>();
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
                p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
            } catch (IOException | IllegalArgumentException e) {
                log.warn("cannot read the GUI settings {} (starting with defaults): {}", file, e.toString());
            }
        }
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < ServerHistory.DEFAULT_MAX_SERVERS; i++) {
            String s = map.get(SERVER_KEY + i);
            if (s != null && !s.isBlank()) {
                servers.add(s.strip());
            }
        }
        return new GuiSettings(file, new ServerHistory(servers), WindowLayout.fromMap(map));
    }

    public synchronized ServerHistory servers() {
        return servers;
    }

    public synchronized WindowLayout layout() {
        return layout;
    }

    public synchronized void rememberServer(String server) {
        servers = servers.use(server);
        save();
    }

    public synchronized void rememberLayout(WindowLayout l) {
        layout = l;
        save();
    }

    public Path file() {
        return file;
    }

    /** Writes atomically (temp file, then move) so a crash never leaves half a file. */
    private void save() {
        Properties p = new Properties();
        layout.toMap().forEach(p::setProperty);
        for (int i = 0; i < servers.servers().size(); i++) {
            p.setProperty(SERVER_KEY + i, servers.servers().get(i));
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "taskshard gui: remembered servers and window layout");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot save the GUI settings to {}: {}", file, e.toString());
        }
    }
}
