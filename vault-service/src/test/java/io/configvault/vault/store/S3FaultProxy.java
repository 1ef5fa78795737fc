package io.configvault.vault.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * An HTTP proxy in front of a real S3 server that injects faults, for tests (STYLE.md: faults go
 * through a wrapper or a proxy, never a mocked SDK). One request per connection, each on its own
 * virtual thread; bodies are buffered, so keep test objects small.
 *
 * <ul>
 *   <li>{@link #stripIfNoneMatch}: requests carrying {@code If-None-Match} are forwarded without
 *   it — a store that ignores conditional writes. SigV4 signs that header, so such requests are
 *   decoded ({@code aws-chunked} bodies too) and signed again with the test credentials.</li>
 *   <li>{@link #failRequests}: matching requests are answered {@code 500 InternalError} without
 *   reaching the server.</li>
 *   <li>{@link #stripObjectLock}: requests carrying Object Lock headers
 *   ({@code x-amz-object-lock-*}, {@code x-amz-bypass-governance-retention}) are forwarded
 *   without them, signed again — s3proxy answers 501 to them, so this lets a test record what
 *   the client sends with a lock and still store the object.</li>
 *   <li>{@link #answer}: matching requests are answered with a given status and body without
 *   reaching the server (an S3 feature s3proxy lacks, or an error it never gives).</li>
 *   <li>{@link #cutResponses}: the server's answers to matching requests are cut off after a
 *   number of body bytes.</li>
 *   <li>{@link #addResponseHeaders}: the server's answers to matching requests get extra headers
 *   (e.g. the Object Lock fields of a HEAD).</li>
 * </ul>
 * Every request is recorded with its headers and (small) body ({@link #recorded}). Every other
 * request is forwarded byte for byte. Thread-safe.
 */
final class S3FaultProxy implements AutoCloseable {

    private static final Set<String> OBJECT_LOCK_HEADERS = Set.of("x-amz-object-lock-mode",
            "x-amz-object-lock-retain-until-date", "x-amz-object-lock-legal-hold",
            "x-amz-bypass-governance-retention");
    /** Bodies up to this size are recorded (legal-hold documents, small test objects). */
    private static final int RECORDED_BODY_BYTES = 64 << 10;

    /**
     * A request as the client sent it.
     *
     * @param headers names in lower case
     * @param body    the body, decoded from aws-chunked, or empty when larger than 64 KiB
     */
    record Recorded(String requestLine, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Canned(Predicate<String> requestLine, int status, String body) {
    }

    private record Cut(Predicate<String> requestLine, int bodyBytes) {
    }

    private record ExtraHeaders(Predicate<String> requestLine, Map<String, String> headers) {
    }

    private final ServerSocket server;
    private final URI upstream;
    private final RequestResigner resigner;
    private final List<Predicate<String>> failing = new CopyOnWriteArrayList<>();
    private final List<Predicate<String>> dropping = new CopyOnWriteArrayList<>();
    private final List<Cut> cuts = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    private final List<Canned> canned = new CopyOnWriteArrayList<>();
    private final List<ExtraHeaders> extraHeaders = new CopyOnWriteArrayList<>();
    private volatile Predicate<String> stripIfNoneMatch = line -> false;
    private volatile boolean stripObjectLock;
    private Thread acceptor;

    private S3FaultProxy(ServerSocket server, URI upstream, AwsCredentialsIdentity credentials,
                         String region) {
        this.server = server;
        this.upstream = upstream;
        this.resigner = new RequestResigner(upstream, credentials, region);
    }

    static S3FaultProxy start(URI upstream, String accessKey, String secretKey, String region)
            throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        S3FaultProxy proxy = new S3FaultProxy(socket, upstream,
                AwsCredentialsIdentity.create(accessKey, secretKey), region);
        proxy.acceptor = Thread.ofVirtual().name("s3-fault-proxy").start(proxy::accept);
        return proxy;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    void stripIfNoneMatch() {
        stripIfNoneMatch(line -> true);
    }

    /** Strips If-None-Match from the requests whose request line matches. */
    void stripIfNoneMatch(Predicate<String> requestLine) {
        stripIfNoneMatch = requestLine;
    }

    /** Answers 500 to every request whose request line ("PUT /bucket/key?..") matches. */
    void failRequests(Predicate<String> requestLine) {
        failing.add(requestLine);
    }

    /**
     * Closes the connection of every request whose request line matches right after reading its
     * head, without an answer: a server that dies or is cut off in the middle of a request.
     */
    void dropRequests(Predicate<String> requestLine) {
        dropping.add(requestLine);
    }

    /**
     * Forwards every request whose request line matches, but closes the connection after the
     * first {@code bodyBytes} bytes of the server's answer's body: a store that fails in the
     * middle of an object.
     */
    void cutResponses(Predicate<String> requestLine, int bodyBytes) {
        cuts.add(new Cut(requestLine, bodyBytes));
    }

    /** Forwards requests without their Object Lock headers (see the class comment). */
    void stripObjectLock() {
        stripObjectLock = true;
    }

    /**
     * Answers every request whose request line matches with {@code status} and {@code body} (XML
     * when not empty) without forwarding it; the latest matching answer wins.
     */
    void answer(Predicate<String> requestLine, int status, String body) {
        canned.addFirst(new Canned(requestLine, status, body));
    }

    /** Adds {@code headers} to the server's answers to the requests whose request line matches. */
    void addResponseHeaders(Predicate<String> requestLine, Map<String, String> headers) {
        extraHeaders.add(new ExtraHeaders(requestLine, Map.copyOf(headers)));
    }

    /** The request lines seen so far. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** The requests seen so far, with their headers and bodies, in order. */
    List<Recorded> recorded() {
        return List.copyOf(recorded);
    }

    /**
     * Stops listening and returns once the accepting thread has left {@code accept}: the JDK
     * closes a socket that a thread is blocked on only when that thread wakes, so a connection
     * attempted right after {@code server.close()} alone was once still accepted and forwarded.
     */
    @Override
    public void close() throws IOException {
        server.close();
        try {
            if (!acceptor.join(Duration.ofSeconds(10))) {
                throw new IOException("the proxy's accepting thread did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the proxy", e);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; InputStream in = client.getInputStream();
             OutputStream out = client.getOutputStream()) {
            List<String> head = HttpWire.readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String requestLine = head.getFirst();
            List<String[]> headers = new ArrayList<>();
            for (String line : head.subList(1, head.size())) {
                int colon = line.indexOf(':');
                headers.add(new String[] {line.substring(0, colon).trim(),
                        line.substring(colon + 1).trim()});
            }
            requests.add(requestLine);
            if (dropping.stream().anyMatch(p -> p.test(requestLine))) {
                return;
            }
            if ("100-continue".equalsIgnoreCase(HttpWire.header(headers, "expect"))) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            byte[] body = HttpWire.readBody(in, headers);
            String sha = HttpWire.header(headers, "x-amz-content-sha256");
            boolean chunked = sha != null && sha.startsWith("STREAMING");
            record(requestLine, headers, chunked && body.length > RECORDED_BODY_BYTES ? body
                    : chunked ? AwsChunked.decode(body) : body);
            if (failing.stream().anyMatch(p -> p.test(requestLine))) {
                HttpWire.respond(out, 500, "Internal Server Error", "<?xml version=\"1.0\""
                        + " encoding=\"UTF-8\"?><Error><Code>InternalError</Code><Message>"
                        + "injected by S3FaultProxy</Message></Error>");
                return;
            }
            Optional<Canned> answer = canned.stream()
                    .filter(c -> c.requestLine().test(requestLine)).findFirst();
            if (answer.isPresent()) {
                HttpWire.respond(out, answer.get().status(), "Canned", answer.get().body());
                return;
            }
            Set<String> dropped = new HashSet<>();
            if (HttpWire.header(headers, "if-none-match") != null
                    && stripIfNoneMatch.test(requestLine)) {
                dropped.add("if-none-match");
            }
            if (stripObjectLock && headers.stream().anyMatch(
                    h -> OBJECT_LOCK_HEADERS.contains(h[0].toLowerCase(Locale.ROOT)))) {
                dropped.addAll(OBJECT_LOCK_HEADERS);
            }
            if (!dropped.isEmpty()) {
                body = chunked ? AwsChunked.decode(body) : body;
                headers = resigner.resign(requestLine, headers, body, dropped);
            }
            forward(requestLine, headers, body, out);
        } catch (IOException e) {
            // The client went away; nothing to report to anyone.
        }
    }

    private void record(String requestLine, List<String[]> headers, byte[] body) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String[] h : headers) {
            names.put(h[0].toLowerCase(Locale.ROOT), h[1]);
        }
        recorded.add(new Recorded(requestLine, Collections.unmodifiableMap(names),
                body.length <= RECORDED_BODY_BYTES ? body : new byte[0]));
    }

    private void forward(String requestLine, List<String[]> headers, byte[] body,
                         OutputStream client) throws IOException {
        try (Socket socket = new Socket(upstream.getHost(), upstream.getPort());
             InputStream in = socket.getInputStream();
             OutputStream out = socket.getOutputStream()) {
            StringBuilder request = new StringBuilder(requestLine).append("\r\n");
            for (String[] h : headers) {
                String name = h[0].toLowerCase(Locale.ROOT);
                if (!Set.of("connection", "expect", "transfer-encoding", "content-length")
                        .contains(name)) {
                    request.append(h[0]).append(": ").append(h[1]).append("\r\n");
                }
            }
            if (body.length > 0 || HttpWire.header(headers, "content-length") != null) {
                request.append("Content-Length: ").append(body.length).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            Map<String, String> extra = new LinkedHashMap<>();
            extraHeaders.stream().filter(e -> e.requestLine().test(requestLine))
                    .forEach(e -> extra.putAll(e.headers()));
            Optional<Cut> cut = cuts.stream().filter(c -> c.requestLine().test(requestLine))
                    .findFirst();
            if (extra.isEmpty() && cut.isEmpty()) {
                in.transferTo(client);
                return;
            }
            StringBuilder head = new StringBuilder();
            for (String line : HttpWire.readHead(in)) {
                head.append(line).append("\r\n");
            }
            extra.forEach((name, value) -> head.append(name).append(": ").append(value)
                    .append("\r\n"));
            client.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            if (cut.isPresent()) {
                client.write(in.readNBytes(cut.get().bodyBytes()));
                client.flush();
                return;
            }
            in.transferTo(client);
        }
    }
}
