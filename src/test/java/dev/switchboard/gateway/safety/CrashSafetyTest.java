package dev.switchboard.gateway.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.access.AccessTokens;
import dev.switchboard.gateway.store.Store;
import dev.switchboard.gateway.usage.UsageLog;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real {@code serve} process in the middle of a burst of concurrent control-plane
 * writes, then a restart on the same data folder: both SQLite files pass {@code integrity_check}, every
 * write answered 2xx is there (deletes answered 2xx stay deleted, the last answered PATCH is what is
 * stored), and a write whose answer never came is either wholly there or wholly not. Four kill points:
 * during the first start (schema creation), then three bursts killed after different numbers of answers.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashSafetyTest {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String ADMIN_KEY = "sbadm_CRASHTESTADMINKEY_" + AccessTokens.randomBase62(24);
    private static final int WRITERS = 6;
    /** Kill once this many writes were answered in the round (different points in the burst). */
    private static final int[] KILL_AFTER = {25, 160, 70};
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    private final ConcurrentLinkedQueue<Tracked> ledger = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> surprises = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> secrets = new ConcurrentLinkedQueue<>(List.of(ADMIN_KEY));
    private final Tracked maxInput = gatewayConfigField("/maxInputTokens");
    private final Tracked maxOutput = gatewayConfigField("/maxOutputTokens");
    private Path data;
    private Path logs;
    private int starts;

    @Test
    void killNineDuringWritesLosesNoAnsweredWriteAndLeavesBothDatabasesIntact() throws Exception {
        data = tmp.resolve("data");
        logs = tmp.resolve("logs");
        ledger.add(maxInput);
        ledger.add(maxOutput);

        // Kill point 0: during the very first start, once the usage log file exists (schema being created).
        try (ServeProcess first = start()) {
            long end = System.nanoTime() + START_DEADLINE.toNanos();
            while (!Files.exists(data.resolve(UsageLog.FILE_NAME)) && first.process.isAlive()
                    && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            assertThat(first.kill9()).as("exit status of a JVM killed by SIGKILL (128 + 9)").isEqualTo(137);
        }

        ServeProcess serve = start();
        try {
            String url = serve.awaitReady(START_DEADLINE);
            for (int round = 1; round <= KILL_AFTER.length; round++) {
                Burst burst = new Burst(url, round);
                burst.begin();
                burst.awaitAnswers(KILL_AFTER[round - 1], serve);
                int status = serve.kill9();
                burst.end();
                assertThat(status).as("serve was killed with SIGKILL").isEqualTo(137);
                assertThat(burst.answered.get()).as("writes answered before the kill in round %d", round)
                        .isGreaterThanOrEqualTo(KILL_AFTER[round - 1]);

                serve = start();
                url = serve.awaitReady(START_DEADLINE);
                assertIntact(data.resolve(Store.FILE_NAME));
                assertIntact(data.resolve(UsageLog.FILE_NAME));
                assertThat(surprises).as("answers other than 2xx during round %d", round).isEmpty();
                long inDoubt = ledger.stream().filter(t -> t.inDoubt).count();
                verifyLedger(url, round);
                System.out.printf("round %d: killed after %d answered writes, %d writes in doubt, %d resources checked%n",
                        round, burst.answered.get(), inDoubt, ledger.size());
            }
        } finally {
            serve.close();
        }

        // The child's own log lines (INFO to stderr) never carry the admin key, a token or a provider-key value.
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                for (String secret : secrets) {
                    assertThat(text).as("%s must not hold a secret", f.getFileName()).doesNotContain(secret);
                }
            }
        }
    }

    private ServeProcess start() throws IOException {
        return ServeProcess.start(data, logs, "serve-" + starts++, Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY));
    }

    private static void assertIntact(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            assertThat(rows).as("PRAGMA integrity_check on %s", db.getFileName()).containsExactly("ok");
        }
    }

    // ---- what the test knows from the answers it got

    /** One resource (or one gateway-config field) and the states the answers allow it to be in. */
    private static final class Tracked {
        final String what;
        final String path;
        final Set<String> pointers;
        final List<String> history = new ArrayList<>();
        /** The fields (JSON pointers) as the last 2xx answer left them; null once deleted (or before creation). */
        Map<String, String> confirmed;
        /** A write whose answer never came: the resource may also be in {@link #ifApplied}. */
        boolean inDoubt;
        Map<String, String> ifApplied;
        String token;
        String providerId;
        String configurationId;
        Tracked provider;

        Tracked(String what, String path, Map<String, String> confirmed) {
            this.what = what;
            this.path = path;
            this.pointers = Set.copyOf(confirmed.keySet());
            this.confirmed = confirmed;
        }

        boolean live() {
            return confirmed != null && !inDoubt;
        }

        Map<String, String> with(String... pointerValuePairs) {
            Map<String, String> next = new LinkedHashMap<>(confirmed);
            for (int i = 0; i < pointerValuePairs.length; i += 2) {
                next.put(pointerValuePairs[i], pointerValuePairs[i + 1]);
            }
            return next;
        }
    }

    private static Tracked gatewayConfigField(String pointer) {
        Map<String, String> initial = new LinkedHashMap<>();
        initial.put(pointer, "");
        return new Tracked("gateway-config " + pointer, "/gateway-config", initial);
    }

    private enum Outcome { ANSWERED, REFUSED, UNKNOWN }

    private record Answer(Outcome outcome, int status, JsonNode json) {
        boolean ok() {
            return outcome == Outcome.ANSWERED && status >= 200 && status < 300;
        }
    }

    /** Checks every tracked resource against the restarted gateway, then settles what was in doubt. */
    private void verifyLedger(String url, int round) throws IOException {
        OkHttpClient http = client();
        int checked = 0;
        for (Tracked t : ledger) {
            Answer a = call(http, url, "GET", t.path, null, ADMIN_KEY);
            assertThat(a.outcome).as("GET %s", t.path).isEqualTo(Outcome.ANSWERED);
            assertThat(a.status).as("GET %s -> %s", t.path, a.json).isIn(200, 404);
            Map<String, String> actual = null;
            if (a.status == 200) {
                actual = new LinkedHashMap<>();
                for (String p : t.pointers) {
                    JsonNode v = a.json.at(p);
                    actual.put(p, v.isMissingNode() || v.isNull() ? "" : v.asText());
                }
            }
            List<Map<String, String>> allowed = new ArrayList<>();
            allowed.add(t.confirmed);
            if (t.inDoubt) {
                allowed.add(t.ifApplied);
            }
            Map<String, String> found = actual;
            assertThat(allowed.stream().anyMatch(s -> Objects.equals(s, found)))
                    .as("after the kill in round %d, %s is %s; the answers allow only %s (history: %s)", round, t.what,
                            found == null ? "absent" : found, allowed, t.history)
                    .isTrue();
            if (t.token != null) {
                Answer models = call(http, url, "GET", "/v1/models", null, t.token);
                assertThat(models.status).as("the token of %s after the restart (present: %s)", t.what, found != null)
                        .isEqualTo(found != null ? 200 : 401);
            }
            if (t.inDoubt) {
                t.history.add("restart " + round + ": the in-doubt write " + (Objects.equals(found, t.confirmed)
                        ? "was not applied" : "was applied"));
                t.confirmed = found;
                t.inDoubt = false;
                t.ifApplied = null;
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
    }

    // ---- the burst

    private final class Burst {
        final String url;
        final int round;
        final OkHttpClient http = client();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger answered = new AtomicInteger();
        final List<Thread> threads = new ArrayList<>();
        String steadyToken;

        Burst(String url, int round) {
            this.url = url;
            this.round = round;
        }

        void begin() {
            // one key made before the burst, for data-plane calls whose refusals are written to the usage log
            Answer k = call(http, url, "POST", "/access-keys", obj("name", "steady-" + round).toString(), ADMIN_KEY);
            assertThat(k.ok()).as("creating the steady key: %s", k.json).isTrue();
            Tracked steady = new Tracked("access key steady-" + round, "/access-keys/" + k.json.get("id").asText(),
                    map("/name", "steady-" + round, "/description", "", "/accessKeyConfiguration/id", ""));
            steady.token = k.json.get("token").asText();
            secrets.add(steady.token);
            ledger.add(steady);
            steadyToken = steady.token;
            for (int i = 0; i < WRITERS; i++) {
                int writer = i;
                threads.add(new Thread(() -> write(writer), "crash-writer-" + round + "-" + i));
            }
            threads.add(new Thread(this::refusals, "crash-refusals-" + round));
            threads.forEach(Thread::start);
        }

        void awaitAnswers(int count, ServeProcess serve) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (answered.get() < count && System.nanoTime() < end && serve.process.isAlive()
                    && threads.stream().anyMatch(Thread::isAlive)) {
                Thread.sleep(1);
            }
            assertThat(serve.process.isAlive()).as("serve alive before the kill:\n%s", serve.output()).isTrue();
        }

        void end() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(60));
                assertThat(t.isAlive()).as("%s still running a minute after the kill", t.getName()).isFalse();
            }
        }

        private void refusals() {
            String body = "{\"model\":\"ghost:none\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            while (!stop.get()) {
                Answer a = call(http, url, "POST", "/v1/chat/completions", body, steadyToken);
                if (a.outcome != Outcome.ANSWERED) {
                    return;
                }
            }
        }

        /** One writer: its own resources only, so its answers alone say what state each must be in. */
        private void write(int writer) {
            Random rnd = new Random(round * 1000L + writer);
            List<Tracked> providers = new ArrayList<>();
            List<Tracked> keys = new ArrayList<>();
            List<Tracked> configs = new ArrayList<>();
            List<Tracked> accessKeys = new ArrayList<>();
            Tracked gatewayField = writer == 0 ? maxInput : writer == 1 ? maxOutput : null;
            int n = 0;
            while (!stop.get() && n < 5000) {
                n++;
                String tag = round + "-" + writer + "-" + n;
                int r = rnd.nextInt(100);
                Tracked provider = pick(rnd, providers, t -> true);
                boolean go;
                if (provider == null || r < 8) {
                    go = createProvider(tag, providers);
                } else if (r < 16) {
                    go = patch(provider, obj("name", "pn-" + tag, "metadata", "pd-" + tag),
                            "/name", "pn-" + tag, "/metadata", "pd-" + tag);
                } else if (r < 20) {
                    Tracked bare = pick(rnd, providers, p -> keys.stream().noneMatch(k -> k.provider == p
                            && k.confirmed != null));
                    go = bare == null ? createKey(tag, provider, keys) : delete(bare);
                } else if (r < 32) {
                    go = createKey(tag, provider, keys);
                } else if (r < 58) {
                    Tracked key = pick(rnd, keys, t -> true);
                    if (key == null) {
                        go = createKey(tag, provider, keys);
                    } else if (r < 42) {
                        go = patch(key, obj("name", "kn-" + tag), "/name", "kn-" + tag);
                    } else if (r < 52) {
                        String value = newKeyValue(tag);
                        go = update(key, "POST", key.path + "/rotate", obj("value", value),
                                key.with("/keyRedacted", AccessTokens.redact(value)));
                    } else {
                        go = delete(key);
                    }
                } else if (r < 76) {
                    Tracked config = pick(rnd, configs, t -> true);
                    if (config == null || r < 66) {
                        go = createConfig(tag, configs);
                    } else if (r < 72) {
                        go = patch(config, obj("name", "cn-" + tag, "description", "cd-" + tag),
                                "/name", "cn-" + tag, "/description", "cd-" + tag);
                    } else {
                        Tracked unused = pick(rnd, configs, c -> accessKeys.stream().noneMatch(k -> k.confirmed != null
                                && c.configurationId.equals(k.confirmed.get("/accessKeyConfiguration/id"))));
                        go = unused == null ? createConfig(tag, configs) : delete(unused);
                    }
                } else if (r < 96 || gatewayField == null) {
                    Tracked key = pick(rnd, accessKeys, t -> true);
                    Tracked config = pick(rnd, configs, t -> true);
                    String configId = config == null || rnd.nextBoolean() ? null : config.configurationId;
                    if (key == null || r < 84) {
                        go = createAccessKey(tag, configId, accessKeys);
                    } else if (r < 92) {
                        ObjectNode body = obj("name", "an-" + tag, "description", "ad-" + tag);
                        body.put("accessKeyConfigurationId", configId);
                        go = patch(key, body, "/name", "an-" + tag, "/description", "ad-" + tag,
                                "/accessKeyConfiguration/id", configId == null ? "" : configId);
                    } else {
                        go = delete(key);
                    }
                } else {
                    long value = round * 1_000_000L + n;
                    String field = gatewayField == maxInput ? "maxInputTokens" : "maxOutputTokens";
                    ObjectNode body = Json.mapper().createObjectNode().put(field, value);
                    go = update(gatewayField, "PATCH", "/gateway-config", body, gatewayField.with("/" + field,
                            Long.toString(value)));
                }
                if (!go) {
                    return;
                }
            }
        }

        private Tracked pick(Random rnd, List<Tracked> from, java.util.function.Predicate<Tracked> filter) {
            List<Tracked> live = from.stream().filter(Tracked::live).filter(filter).toList();
            return live.isEmpty() ? null : live.get(rnd.nextInt(live.size()));
        }

        private String newKeyValue(String tag) {
            String value = "sk-crash-" + tag + "-" + AccessTokens.randomBase62(20);
            secrets.add(value);
            return value;
        }

        private boolean createProvider(String tag, List<Tracked> providers) {
            String providerId = "p-" + tag;
            ObjectNode body = obj("providerId", providerId, "name", "pn-" + tag, "baseUrl", "http://127.0.0.1:9");
            body.putArray("models").addObject().put("modelId", "m");
            return create("provider " + providerId, "/providers", body, providers,
                    map("/name", "pn-" + tag, "/metadata", ""), t -> t.providerId = providerId);
        }

        private boolean createKey(String tag, Tracked provider, List<Tracked> keys) {
            String value = newKeyValue(tag);
            return create("provider key " + tag, "/provider-keys", obj("providerId", provider.providerId, "name",
                    "kn-" + tag, "value", value), keys, map("/name", "kn-" + tag, "/keyRedacted",
                    AccessTokens.redact(value)), t -> t.provider = provider);
        }

        private boolean createConfig(String tag, List<Tracked> configs) {
            return create("configuration " + tag, "/access-key-configurations", obj("name", "cn-" + tag,
                    "description", "cd-" + tag), configs, map("/name", "cn-" + tag, "/description", "cd-" + tag),
                    t -> t.configurationId = t.path.substring(t.path.lastIndexOf('/') + 1));
        }

        private boolean createAccessKey(String tag, String configId, List<Tracked> accessKeys) {
            ObjectNode body = obj("name", "an-" + tag);
            if (configId != null) {
                body.put("accessKeyConfigurationId", configId);
            }
            return create("access key " + tag, "/access-keys", body, accessKeys, map("/name", "an-" + tag,
                    "/description", "", "/accessKeyConfiguration/id", configId == null ? "" : configId), t -> { });
        }

        private boolean create(String what, String collection, ObjectNode body, List<Tracked> into,
                               Map<String, String> state, java.util.function.Consumer<Tracked> more) {
            Answer a = call(http, url, "POST", collection, body.toString(), ADMIN_KEY);
            if (a.outcome != Outcome.ANSWERED) {
                return false; // a create whose answer never came: its id is unknown, so nothing to check
            }
            if (!a.ok()) {
                surprises.add("POST " + collection + " " + body + " -> " + a.status + " " + a.json);
                return true;
            }
            answered.incrementAndGet();
            Tracked t = new Tracked(what, collection + "/" + a.json.get("id").asText(), state);
            t.history.add("created -> " + a.status);
            if (a.json.hasNonNull("token")) {
                t.token = a.json.get("token").asText();
                secrets.add(t.token);
            }
            more.accept(t);
            into.add(t);
            ledger.add(t);
            return true;
        }

        private boolean patch(Tracked t, ObjectNode body, String... pointerValuePairs) {
            return update(t, "PATCH", t.path, body, t.with(pointerValuePairs));
        }

        private boolean delete(Tracked t) {
            return update(t, "DELETE", t.path, null, null);
        }

        /** One write to {@code t}: applied on 2xx, not applied when refused, in doubt when the answer never came. */
        private boolean update(Tracked t, String method, String path, ObjectNode body, Map<String, String> next) {
            Answer a = call(http, url, method, path, body == null ? null : body.toString(), ADMIN_KEY);
            String line = method + " " + path + (body == null ? "" : " " + body);
            switch (a.outcome) {
                case ANSWERED -> {
                    t.history.add(line + " -> " + a.status);
                    if (a.ok()) {
                        answered.incrementAndGet();
                        t.confirmed = next;
                    } else {
                        surprises.add(t.what + ": " + line + " -> " + a.status + " " + a.json);
                    }
                    return true;
                }
                case REFUSED -> {
                    t.history.add(line + " -> connection refused");
                    return false;
                }
                default -> {
                    t.history.add(line + " -> no answer");
                    t.inDoubt = true;
                    t.ifApplied = next;
                    return false;
                }
            }
        }
    }

    // ---- HTTP

    private static OkHttpClient client() {
        // no retries: a write sent twice would blur what the answers say
        return new OkHttpClient.Builder().retryOnConnectionFailure(false)
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30)).build();
    }

    private static Answer call(OkHttpClient http, String url, String method, String path, String body, String bearer) {
        Request req = new Request.Builder().url(url + path).header("Authorization", "Bearer " + bearer)
                .method(method, body == null ? null : RequestBody.create(body, JSON)).build();
        try (Response r = http.newCall(req).execute()) {
            String text = r.body().string();
            JsonNode json;
            try {
                json = text.isEmpty() ? MissingNode.getInstance() : Json.mapper().readTree(text);
            } catch (IOException notJson) {
                json = TextNode.valueOf(text);
            }
            return new Answer(Outcome.ANSWERED, r.code(), json);
        } catch (ConnectException e) {
            return new Answer(Outcome.REFUSED, 0, MissingNode.getInstance());
        } catch (IOException e) {
            return new Answer(Outcome.UNKNOWN, 0, MissingNode.getInstance());
        }
    }

    private static ObjectNode obj(String... keyValuePairs) {
        ObjectNode o = Json.mapper().createObjectNode();
        for (int i = 0; i < keyValuePairs.length; i += 2) {
            o.put(keyValuePairs[i], keyValuePairs[i + 1]);
        }
        return o;
    }

    private static Map<String, String> map(String... pointerValuePairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pointerValuePairs.length; i += 2) {
            m.put(pointerValuePairs[i], pointerValuePairs[i + 1]);
        }
        return m;
    }
}
