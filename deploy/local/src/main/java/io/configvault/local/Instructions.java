package io.configvault.local;

import java.time.Duration;

/** What the quickstart prints once everything answers. */
final class Instructions {

    private Instructions() {
    }

    static void print(Settings s, Duration took) {
        String env = s.home().resolve("stack.env").toString();
        System.out.printf("""

                ConfigVault is up (%.1f s). Everything runs on 127.0.0.1; data lives in %s
                  vault API:  %s   (bearer token in %s)
                  agent API:  %s   (demo appliance '%s', enrolled with a one-time token)
                  settings:   %s

                Try it (in another shell):
                  source %s
                  # list the demo appliance's snapshots
                  curl -s -H "Authorization: Bearer $(cat $ADMIN_TOKEN_FILE)" $VAULT_URL/api/v1/appliances/$DEMO_APPLIANCE_ID/snapshots
                  # download the latest snapshot's config.db (id = first item of the list above)
                  curl -s -H "Authorization: Bearer $(cat $ADMIN_TOKEN_FILE)" -o config.db $VAULT_URL/api/v1/snapshots/<id>/entries/config.db
                  # take a snapshot now
                  curl -s -X POST -H 'Content-Type: application/json' -d '{"label":"by hand"}' $AGENT_URL/api/v1/snapshots
                  # or change the configuration and watch a CHANGE snapshot arrive
                  sqlite3 $DEMO_CONFIG_DB "UPDATE system_settings SET value='demo-nas-2' WHERE key='hostname'"

                Ctrl-C stops everything; the next start reuses the same data.
                """, took.toMillis() / 1000.0, s.home(), s.vaultUrl(),
                ServiceConfigs.adminTokenFile(s), s.agentUrl(), DemoAppliance.ID, env, env);
    }
}
