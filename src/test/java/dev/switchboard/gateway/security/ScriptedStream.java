package dev.switchboard.gateway.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.SocketEffect;
import okio.BufferedSink;

/**
 * A model server's Chat Completions event stream, written chunk by chunk while the test runs: the first
 * word, then (once {@code release} opens) the rest paced by {@code pause}, then the finish chunk and
 * {@code [DONE]}, or, when {@code cut}, half the words, half an event and a connection dropped mid-chunk.
 * Words are {@code [w00]}, {@code [w01]}, ... so a client can check that none went missing.
 */
final class ScriptedStream {
    static final String OK_BODY = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";

    private ScriptedStream() {
    }

    static String word(int i) {
        return String.format("[w%02d]", i);
    }

    static MockResponse json() {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(OK_BODY).build();
    }

    /**
     * @param opened counted down once the first word is out (may be null)
     * @param release awaited after the first word (may be null: no wait)
     */
    static MockResponse chat(int words, CountDownLatch opened, CountDownLatch release, long pauseMillis, boolean cut) {
        MockResponseBody body = new MockResponseBody() {
            @Override
            public long getContentLength() {
                return -1;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                chunk(sink, event("{\"role\":\"assistant\",\"content\":\"" + word(0) + "\"}", null));
                if (opened != null) {
                    opened.countDown();
                }
                try {
                    if (release != null && !release.await(60, TimeUnit.SECONDS)) {
                        throw new IOException("the test never released this stream");
                    }
                    int last = cut ? words / 2 : words;
                    for (int i = 1; i < last; i++) {
                        Thread.sleep(pauseMillis);
                        chunk(sink, event("{\"content\":\"" + word(i) + "\"}", null));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                if (cut) {
                    // half an event in a chunk that promises more; then the connection drops (onResponseEnd)
                    sink.writeUtf8("40\r\ndata: {\"choices\"").flush();
                    return;
                }
                chunk(sink, event("{}", "\"stop\""));
                chunk(sink, "data: [DONE]\n\n");
                sink.writeUtf8("0\r\n\r\n").flush();
            }
        };
        MockResponse.Builder response = new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                .body(body).removeHeader("Content-Length").addHeader("Transfer-Encoding", "chunked");
        if (cut) {
            response.onResponseEnd(new SocketEffect.CloseSocket());
        }
        return response.build();
    }

    private static String event(String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}\n\n";
    }

    /** One HTTP/1.1 chunk (MockWebServer sends a custom body's bytes as they are). */
    private static void chunk(BufferedSink sink, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sink.writeUtf8(Integer.toHexString(bytes.length)).writeUtf8("\r\n").write(bytes).writeUtf8("\r\n").flush();
    }
}
