import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bounded HTTP load on loopback for the figures of issue 19 (docs/benchmarks.md). Single file:
 *
 * <pre>
 *   java bench/tools/HttpLoad.java slow-bodies PORT TOKEN 1000 200   # N slow bodies open, then 200 /healthz timings
 *   java bench/tools/HttpLoad.java refused-upgrades PORT 20000          # N token-less peer upgrades on 4 kept-alive sockets
 * </pre>
 * Only 127.0.0.1; every count is given on the command line.
 */
public class HttpLoad {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        switch (args[0]) {
            case "slow-bodies" -> slowBodies(port, args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "refused-upgrades" -> refusedUpgrades(port, Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("slow-bodies or refused-upgrades");
        }
    }

    static void slowBodies(int port, String token, int n, int probes) throws Exception {
        List<Socket> open = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.getOutputStream().write(("POST /api/v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1));
            open.add(s);
        }
        System.out.println(n + " slow bodies open");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long[] ms = new long[probes];
        int failed = 0;
        for (int i = 0; i < probes; i++) {
            long t = System.nanoTime();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    failed++;
                }
            } catch (Exception e) {
                failed++;
            }
            ms[i] = (System.nanoTime() - t) / 1_000;
        }
        Arrays.sort(ms);
        System.out.printf("/healthz under %d slow bodies: p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d of %d failed%n", n,
                ms[probes / 2] / 1000.0, ms[(int) (probes * 0.99)] / 1000.0, ms[probes - 1] / 1000.0, failed, probes);
        for (Socket s : open) {
            s.close();
        }
    }

    static void refusedUpgrades(int port, int n) throws Exception {
        int sockets = 4;
        Thread[] threads = new Thread[sockets];
        for (int c = 0; c < sockets; c++) {
            threads[c] = Thread.ofPlatform().start(() -> {
                try {
                    Socket s = connect(port);
                    for (int i = 0; i < n / sockets; i++) {
                        s.getOutputStream().write(("GET /v1/peer HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        if (readResponse(s.getInputStream())) {
                            s.close();
                            s = connect(port);
                        }
                    }
                    s.close();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println(n + " refused upgrades done");
    }

    private static Socket connect(int port) throws Exception {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** Reads one response; true when the server will close the connection. */
    private static boolean readResponse(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                return true;
            }
            head.append((char) b);
            last4 = (last4 << 8) | b;
        }
        String h = head.toString().toLowerCase();
        int i = h.indexOf("content-length:");
        int len = i < 0 ? 0 : Integer.parseInt(h.substring(i + 15, h.indexOf('\r', i)).trim());
        in.readNBytes(len);
        return h.contains("connection: close");
    }
}
