package io.taskshard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A bounded hello flood (issue 19): {@code hellos} peers each say hello with a schema of its own
 * name and {@code tasks} tasks, then leave (goodbye), so every hello starts a job nobody works
 * on. Prints what each hello got (welcome or an error code), the coordinator's live heap after
 * the flood, and its live heap after a restart on the same data (recovery).
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/cp.txt) io.taskshard.bench.HelloFlood \
 *     20 60000 1024 [serve options, e.g. --max-total-tasks 1000000000]
 * </pre>
 */
public final class HelloFlood {
    private HelloFlood() {
    }

    public static void main(String[] args) throws Exception {
        int hellos = Integer.parseInt(args[0]);
        int tasks = Integer.parseInt(args[1]);
        int heapMb = Integer.parseInt(args[2]);
        List<String> serveArgs = Arrays.asList(args).subList(3, args.length);
        Path dir = Files.createTempDirectory("hello-flood");
        HttpClient http = HttpClient.newHttpClient();
        long before;
        long after;
        List<String> answers = new ArrayList<>();
        try (CoordinatorProcess c = CoordinatorProcess.start(dir.resolve("data"), heapMb, 64 * 1024 * 1024,
                dir.resolve("serve.log"), null, serveArgs)) {
            c.awaitHealthy(http, CoordinatorProcess.DEFAULT_START_TIMEOUT);
            before = c.liveHeapMb();
            for (int i = 0; i < hellos; i++) {
                answers.add(hello(http, c.port, i, tasks));
            }
            after = c.liveHeapMb();
        }
        long recovered;
        try (CoordinatorProcess c = CoordinatorProcess.start(dir.resolve("data"), heapMb, 64 * 1024 * 1024,
                dir.resolve("serve-2.log"), null, serveArgs)) {
            c.awaitHealthy(http, CoordinatorProcess.DEFAULT_START_TIMEOUT);
            recovered = c.liveHeapMb();
        }
        System.out.printf("hellos: %d x %d tasks, -Xmx%dm, serve %s%n", hellos, tasks, heapMb, serveArgs);
        System.out.println("answers: " + answers);
        System.out.printf("live heap: %d MB before, %d MB after the flood, %d MB after a restart (recovery)%n",
                before, after, recovered);
        System.out.println("logs in " + dir);
    }

    /** One peer: hello, the first answer's type (and code), goodbye, close. */
    private static String hello(HttpClient http, int port, int n, int tasks) throws Exception {
        StringBuilder b = new StringBuilder("{\"type\":\"hello\",\"protocol\":1,\"peer\":\"flood-").append(n)
                .append("\",\"cacheId\":\"c\",\"schema\":{\"name\":\"flood-").append(n).append("\",\"tasks\":[");
        for (int i = 0; i < tasks; i++) {
            b.append(i == 0 ? "" : ",").append("{\"id\":\"t").append(i).append("\",\"target\":\"//t").append(i)
                    .append("\"}");
        }
        b.append("]}}");
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/peer"),
                new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            first.complete(text.toString());
                            text.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                        first.complete("closed " + status + " " + reason);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        ws.sendText(b, true).get(60, TimeUnit.SECONDS);
        String answer = first.get(120, TimeUnit.SECONDS);
        String type = answer.contains("\"welcome\"") ? "welcome"
                : answer.replaceAll(".*\"code\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        if (!ws.isOutputClosed()) {
            ws.sendText("{\"type\":\"goodbye\"}", true).get(30, TimeUnit.SECONDS);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(30, TimeUnit.SECONDS);
        }
        Thread.sleep(Duration.ofMillis(50)); // let the coordinator commit before the next one (a flood, not a race)
        return type.length() > 40 ? type.substring(0, 40) : type;
    }
}
