package dev.switchboard.bench;

import dev.switchboard.api.UsageEvent;
import dev.switchboard.gateway.usage.AttemptRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic request-log rows for the usage benchmark: 40 access keys, 6 providers with their models, mostly
 * successful final attempts, some retries (2 attempts of one request), refusals before any attempt, 4xx and 5xx
 * answers, streaming, translated surfaces, token counts and latencies; request ids as the gateway makes them.
 */
final class UsageRows {
    static final String[] PROVIDERS = {"openai", "anthropic", "my-workstation-vllm", "groq", "mistral", "ollama"};
    static final String[][] MODELS = {
            {"gpt-4o-mini", "gpt-4.1", "o4-mini"},
            {"claude-sonnet-4-5", "claude-haiku-4-5"},
            {"qwen2.5-coder-32b-instruct-q4_K_M", "llama-3.1-8b-instruct"},
            {"llama-3.3-70b-versatile"},
            {"mistral-small-latest", "codestral-latest"},
            {"gemma3:27b"}};
    /** Provider weights (per mille): the last one is rare, which a filter by it has to find anyway. */
    private static final int[] PROVIDER_WEIGHT = {400, 250, 200, 100, 45, 5};
    private static final char[] ID_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    static final int KEYS = 40;

    private final SplittableRandom random;
    private final String[] keys = new String[KEYS];
    private final String[] providerKeys = new String[PROVIDERS.length];

    UsageRows(long seed) {
        random = new SplittableRandom(seed);
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "aigk_" + id(27);
        }
        for (int i = 0; i < providerKeys.length; i++) {
            providerKeys[i] = "aigpk_" + id(27);
        }
    }

    String key(int i) {
        return keys[i];
    }

    private String id(int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        return new String(out);
    }

    private int provider() {
        int r = random.nextInt(1000);
        for (int p = 0; p < PROVIDER_WEIGHT.length; p++) {
            r -= PROVIDER_WEIGHT[p];
            if (r < 0) {
                return p;
            }
        }
        return 0;
    }

    /** The rows of one request started at {@code at}: one, or two when its first attempt failed over. */
    List<UsageEvent> request(Instant at) {
        String requestId = "rq_" + id(26);
        // a few keys carry most of the traffic, as on a real gateway
        String key = keys[Math.min(KEYS - 1, (int) Math.abs(random.nextGaussian() * KEYS / 4))];
        int p = provider();
        String provider = PROVIDERS[p];
        String model = MODELS[p][random.nextInt(MODELS[p].length)];
        boolean streaming = random.nextInt(3) == 0;
        String surface = p == 1 ? "messages" : "chat-completions";
        String clientSurface = random.nextInt(20) == 0 ? (p == 1 ? "chat-completions" : "messages") : surface;
        int roll = random.nextInt(1000);
        List<UsageEvent> rows = new ArrayList<>(2);
        if (roll < 10) {
            rows.add(new UsageEvent(null, at, requestId, key, provider, model, null, clientSurface, 0, true, 422,
                    false, true, streaming, null, "the model is not allowed by the key's configuration", null, null,
                    null, null, 0, null, List.of(), false));
            return rows;
        }
        if (roll < 30) {
            boolean timeout = random.nextBoolean();
            rows.add(attempt(at, requestId, key, provider, model, surface, clientSurface, 1, false,
                    timeout ? 0 : 503, timeout, streaming));
            rows.add(attempt(at.plusMillis(800), requestId, key, provider, model, surface, clientSurface, 2, true,
                    200, false, streaming));
            return rows;
        }
        int status = roll < 50 ? 429 : roll < 60 ? 500 : roll < 65 ? 400 : 200;
        rows.add(attempt(at, requestId, key, provider, model, surface, clientSurface, 1, true, status, false,
                streaming));
        return rows;
    }

    private UsageEvent attempt(Instant at, String requestId, String key, String provider, String model,
                               String surface, String clientSurface, int attempt, boolean isFinal, int status,
                               boolean timedOut, boolean streaming) {
        boolean ok = status >= 200 && status < 300;
        String error = ok ? null : timedOut ? "no answer within 30s" : "the provider answered " + status;
        long latency = ok ? 200 + random.nextInt(4000) : 20 + random.nextInt(200);
        Long ttft = ok ? Long.valueOf(50 + random.nextInt(700)) : null;
        Long in = ok ? Long.valueOf(20 + random.nextInt(3000)) : null;
        Long out = ok ? Long.valueOf(1 + random.nextInt(900)) : null;
        String stop = ok ? (random.nextInt(10) == 0 ? "length" : surface.equals("messages") ? "end_turn" : "stop")
                : null;
        boolean stopped = ok && streaming && random.nextInt(100) == 0;
        List<String> dropped = !surface.equals(clientSurface) && random.nextInt(4) == 0 ? List.of("logit_bias")
                : List.of();
        int pk = java.util.Arrays.asList(PROVIDERS).indexOf(provider);
        return new UsageEvent(null, at, requestId, key, provider, model, surface, clientSurface, attempt, isFinal,
                status, timedOut, !ok, streaming, stop, stopped ? AttemptRecord.CLIENT_STOPPED : error, in, out,
                "user", providerKeys[pk], latency, ttft, dropped, stopped);
    }

}
