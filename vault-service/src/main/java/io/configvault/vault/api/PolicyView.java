package io.configvault.vault.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.vault.retention.PolicyCodec;
import io.configvault.vault.retention.StoredPolicy;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * A retention policy as the API shows it.
 *
 * @param scope     {@code vault}, {@code fleet:<id>} or {@code appliance:<id>}
 * @param policy    the policy document as stored: only the rules that are set
 * @param updatedBy who set it (the name of their bearer token)
 */
@Serdeable
public record PolicyView(String scope, Map<String, Object> policy, String updatedAt,
                         String updatedBy) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> DOCUMENT = new TypeReference<>() {
    };

    static PolicyView of(StoredPolicy stored) {
        return new PolicyView(stored.scope().key(), document(stored), stored.updatedAt().toString(),
                stored.updatedBy());
    }

    private static Map<String, Object> document(StoredPolicy stored) {
        return JSON.convertValue(PolicyCodec.write(stored.policy()), DOCUMENT);
    }

    /** Every policy; none is {@code {"items": []}}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Page(List<PolicyView> items) {
    }

    /**
     * The answer to a PUT: the policy as stored.
     *
     * @param created true when the scope had no policy before, false when one was replaced
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Put(String scope, Map<String, Object> policy, String updatedAt,
                      String updatedBy, boolean created) {

        static Put of(StoredPolicy stored, boolean created) {
            return new Put(stored.scope().key(), document(stored), stored.updatedAt().toString(),
                    stored.updatedBy(), created);
        }
    }
}
