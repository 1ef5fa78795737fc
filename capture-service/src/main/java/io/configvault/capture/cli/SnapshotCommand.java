package io.configvault.capture.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.configvault.capture.snapshot.Labels;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code snapshot [--label TEXT] [--agent-url URL]}: asks the running agent for a MANUAL snapshot,
 * e.g. before an upgrade, and prints its id once it is in the outbox. The agent URL defaults to
 * {@code $CAPTURE_AGENT_URL}, else {@code http://127.0.0.1:8741}. Exit codes: 0 taken, 1 the agent
 * refused or could not take it, 2 bad arguments, 3 no agent answers.
 */
public final class SnapshotCommand {

    static final String DEFAULT_AGENT_URL = "http://127.0.0.1:8741";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) {
        System.exit(new SnapshotCommand().run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String label = null;
        String agentUrl = env.getOrDefault("CAPTURE_AGENT_URL", DEFAULT_AGENT_URL);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("--label") || arg.equals("--agent-url")) && i + 1 < args.length) {
                if (arg.equals("--label")) {
                    label = args[++i];
                } else {
                    agentUrl = args[++i];
                }
            } else {
                err.println("Usage: snapshot [--label TEXT] [--agent-url URL]");
                return 2;
            }
        }
        String labelProblem = Labels.problem(label);
        if (labelProblem != null) {
            err.println("Cannot take a snapshot: " + labelProblem);
            return 2;
        }
        return request(agentUrl, label, out, err);
    }

    private int request(String agentUrl, String label, PrintStream out, PrintStream err) {
        ObjectNode body = JSON.createObjectNode();
        if (label != null) {
            body.put("label", label);
        }
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(agentUrl)
                            .resolve("/api/v1/snapshots"))
                    .timeout(Duration.ofMinutes(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IllegalArgumentException e) {
            err.println("Cannot take a snapshot: '" + agentUrl + "' is not a URL");
            return 2;
        } catch (IOException e) {
            err.println("Cannot take a snapshot: no agent answers at " + agentUrl
                    + " (is the capture service running?)");
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Cannot take a snapshot: interrupted");
            return 1;
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() != 202) {
            String detail = answer.path("detail").asText(answer.path("message").asText(""));
            err.println("Cannot take a snapshot: the agent answered " + response.statusCode()
                    + (detail.isEmpty() ? "" : ": " + detail));
            return 1;
        }
        out.println("Snapshot " + answer.path("snapshotId").asText() + " (sequence "
                + answer.path("sequence").asText() + ") is in the outbox; the agent publishes it"
                + " to the vault.");
        return 0;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
