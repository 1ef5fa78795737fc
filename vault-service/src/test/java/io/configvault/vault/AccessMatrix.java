package io.configvault.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The table of {@link AccessMatrixIT}: every API endpoint with a concrete request, the least role
 * it needs, how fleets apply to it and the status of success, and the status each caller must get.
 * Whoever adds an endpoint adds its row to {@link #endpoints}.
 */
final class AccessMatrix {

    static final String POLICY = "{\"keep-last\": 3, \"time-zone\": \"UTC\"}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private AccessMatrix() {
    }

    /** What the rows need of the running vault to prepare their requests. */
    interface Vault {
        /** The id of the lab fleet's snapshot. */
        String lab();

        HttpResponse<byte[]> admin(String method, String path, String body) throws Exception;

        /** @return {id, secret} of a new token */
        String[] token(String role, String fleet) throws Exception;
    }

    /** The callers of the matrix. */
    enum Who {
        NONE, INVALID, REVOKED, LAB_VIEWER, LAB_OPERATOR, LAB_ADMIN, EDGE_VIEWER, EDGE_OPERATOR,
        EDGE_ADMIN, ALL_ADMIN;

        Role role() {
            return name().endsWith("VIEWER") ? Role.VIEWER : name().endsWith("OPERATOR")
                    ? Role.OPERATOR : Role.ADMIN;
        }

        boolean valid() {
            return ordinal() >= LAB_VIEWER.ordinal();
        }
    }

    enum Role {
        VIEWER, OPERATOR, ADMIN, PUBLIC
    }

    /** How an endpoint treats a token of another fleet (with a role that suffices). */
    enum Fleets {
        /** Not bound to a fleet: any fleet's token succeeds. */
        ANY,
        /** A thing of the lab fleet: another fleet's token gets the 404 of a missing thing. */
        RESOURCE,
        /** Acts for the lab fleet (issue, set): another fleet's token gets 403. */
        ACTS_FOR,
        /** Acts on the whole vault: only a token of all fleets, 403 for the others. */
        ALL
    }

    /** One call: what the request is, prepared fresh for each caller. */
    record Call(String method, String path, String body) {
    }

    interface Prepare {
        Call call() throws Exception;
    }

    record Endpoint(String method, String template, Role role, Fleets fleets, int success,
                    Prepare prepare) {
        String key() {
            return method + " " + template;
        }
    }

    /** Every API endpoint, each request prepared against {@code v} when a caller tries it. */
    static List<Endpoint> endpoints(Vault v) {
        Table t = new Table();
        t.row("GET", "/api/v1/appliances", Role.VIEWER, Fleets.ANY, 200,
                () -> new Call("GET", "/api/v1/appliances", null));
        t.row("GET", "/api/v1/appliances/{applianceId}", Role.VIEWER, Fleets.RESOURCE, 200,
                () -> new Call("GET", "/api/v1/appliances/nas-1", null));
        t.row("GET", "/api/v1/appliances/{applianceId}/snapshots", Role.VIEWER, Fleets.RESOURCE,
                200, () -> new Call("GET", "/api/v1/appliances/nas-1/snapshots", null));
        t.row("GET", "/api/v1/snapshots/{snapshotId}", Role.VIEWER, Fleets.RESOURCE, 200,
                () -> new Call("GET", "/api/v1/snapshots/" + v.lab(), null));
        t.row("GET", "/api/v1/snapshots/{snapshotId}/content", Role.OPERATOR, Fleets.RESOURCE,
                200, () -> new Call("GET", "/api/v1/snapshots/" + v.lab() + "/content", null));
        t.row("GET", "/api/v1/snapshots/{snapshotId}/entries/{+name}", Role.OPERATOR,
                Fleets.RESOURCE, 200, () -> new Call("GET", "/api/v1/snapshots/" + v.lab()
                        + "/entries/app.conf", null));
        t.row("POST", "/api/v1/snapshots/{snapshotId}/verify", Role.OPERATOR, Fleets.RESOURCE,
                200, () -> new Call("POST", "/api/v1/snapshots/" + v.lab() + "/verify", null));
        t.row("GET", "/api/v1/snapshots/{snapshotId}/verification", Role.VIEWER, Fleets.RESOURCE,
                200, () -> new Call("GET", "/api/v1/snapshots/" + v.lab() + "/verification", null));
        t.row("PUT", "/api/v1/snapshots/{snapshotId}/hold", Role.ADMIN, Fleets.RESOURCE, 200,
                () -> new Call("PUT", "/api/v1/snapshots/" + v.lab() + "/hold",
                        "{\"reason\": \"matrix\"}"));
        t.row("DELETE", "/api/v1/snapshots/{snapshotId}/hold", Role.ADMIN, Fleets.RESOURCE, 204,
                () -> {
                    v.admin("PUT", "/api/v1/snapshots/" + v.lab() + "/hold", "{\"reason\": \"m\"}");
                    return new Call("DELETE", "/api/v1/snapshots/" + v.lab() + "/hold", null);
                });
        t.row("POST", "/api/v1/enrolment-tokens", Role.ADMIN, Fleets.ACTS_FOR, 201,
                () -> new Call("POST", "/api/v1/enrolment-tokens", "{\"fleet\": \"lab\"}"));
        t.row("POST", "/api/v1/appliances/{applianceId}/rekey", Role.ADMIN, Fleets.RESOURCE, 201,
                () -> new Call("POST", "/api/v1/appliances/nas-1/rekey", "{}"));
        t.row("POST", "/api/v1/enrolments", Role.PUBLIC, Fleets.ANY, 400,
                () -> new Call("POST", "/api/v1/enrolments", "{}"));
        t.row("GET", "/api/v1/retention-policies", Role.VIEWER, Fleets.ANY, 200,
                () -> new Call("GET", "/api/v1/retention-policies", null));
        t.row("GET", "/api/v1/retention-policies/{scope}", Role.VIEWER, Fleets.RESOURCE, 200,
                () -> {
                    v.admin("PUT", "/api/v1/retention-policies/fleet:lab", POLICY);
                    return new Call("GET", "/api/v1/retention-policies/fleet:lab", null);
                });
        t.row("PUT", "/api/v1/retention-policies/{scope}", Role.ADMIN, Fleets.ACTS_FOR, 200,
                () -> new Call("PUT", "/api/v1/retention-policies/fleet:lab", POLICY));
        t.row("DELETE", "/api/v1/retention-policies/{scope}", Role.ADMIN, Fleets.RESOURCE, 204,
                () -> {
                    v.admin("PUT", "/api/v1/retention-policies/fleet:lab", POLICY);
                    return new Call("DELETE", "/api/v1/retention-policies/fleet:lab", null);
                });
        t.row("GET", "/api/v1/retention/preview", Role.VIEWER, Fleets.ANY, 200,
                () -> new Call("GET", "/api/v1/retention/preview", null));
        t.row("POST", "/api/v1/retention/run", Role.ADMIN, Fleets.ALL, 200,
                () -> new Call("POST", "/api/v1/retention/run", null));
        t.row("GET", "/api/v1/tokens", Role.ADMIN, Fleets.ALL, 200,
                () -> new Call("GET", "/api/v1/tokens", null));
        t.row("POST", "/api/v1/tokens", Role.ADMIN, Fleets.ALL, 201,
                () -> new Call("POST", "/api/v1/tokens", "{\"name\": \"t"
                        + COUNTER.incrementAndGet() + "\", \"role\": \"viewer\", \"fleets\":"
                        + " [\"lab\"]}"));
        t.row("DELETE", "/api/v1/tokens/{tokenId}", Role.ADMIN, Fleets.ALL, 204,
                () -> new Call("DELETE", "/api/v1/tokens/" + v.token("viewer", "lab")[0], null));
        t.row("POST", "/api/v1/appliances/{applianceId}/snapshot-requests", Role.OPERATOR,
                Fleets.RESOURCE, 202, () -> new Call("POST",
                        "/api/v1/appliances/nas-1/snapshot-requests", "{\"label\": \"matrix\"}"));
        t.row("POST", "/api/v1/fleets/{fleet}/snapshot-requests", Role.OPERATOR, Fleets.RESOURCE,
                202, () -> new Call("POST", "/api/v1/fleets/lab/snapshot-requests",
                        "{\"label\": \"matrix\"}"));
        t.row("GET", "/api/v1/snapshot-requests/{requestId}{?after,limit}", Role.VIEWER,
                Fleets.RESOURCE, 200, () -> {
                    HttpResponse<byte[]> made = v.admin("POST",
                            "/api/v1/appliances/nas-1/snapshot-requests", "{\"label\": \"m\"}");
                    String id = JSON.readTree(made.body()).get("requestId").asText();
                    return new Call("GET", "/api/v1/snapshot-requests/" + id, null);
                });
        t.row("GET", "/api/v1/snapshots/{from}/diff/{to}", Role.OPERATOR, Fleets.RESOURCE, 200,
                () -> new Call("GET", "/api/v1/snapshots/" + v.lab() + "/diff/" + v.lab(), null));
        t.row("GET", "/api/v1/audit{?actor,action,target,outcome,since,until,after,limit}",
                Role.ADMIN, Fleets.ALL, 200, () -> new Call("GET", "/api/v1/audit?limit=5", null));
        t.row("GET", "/api/v1/audit/verification", Role.ADMIN, Fleets.ALL, 200,
                () -> new Call("GET", "/api/v1/audit/verification", null));
        return t.rows;
    }

    private static final class Table {
        final List<Endpoint> rows = new ArrayList<>();

        void row(String method, String template, Role role, Fleets fleets, int success,
                 Prepare prepare) {
            rows.add(new Endpoint(method, template, role, fleets, success, prepare));
        }
    }

    static int expected(Endpoint endpoint, Who who) {
        if (endpoint.role() == Role.PUBLIC) {
            return endpoint.success();
        }
        if (!who.valid()) {
            return 401;
        }
        if (who.role().ordinal() < endpoint.role().ordinal()) {
            return 403;
        }
        boolean ownFleet = who == Who.ALL_ADMIN || who.name().startsWith("LAB");
        return switch (endpoint.fleets()) {
            case ANY -> endpoint.success();
            case RESOURCE -> ownFleet ? endpoint.success() : 404;
            case ACTS_FOR -> ownFleet ? endpoint.success() : 403;
            case ALL -> who == Who.ALL_ADMIN ? endpoint.success() : 403;
        };
    }
}
