package dev.switchboard.diagnose;

import dev.switchboard.testing.ModelServers;
import java.io.IOException;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A scripted model server (OkHttp MockWebServer) that answers like vLLM: {@code GET /v1/models} lists
 * its models, a chat with no model is refused with 400, a chat for a model it lacks with 404, and the
 * chat itself with whatever the test scripts.
 */
public final class ModelServerScript implements AutoCloseable {
    private final MockWebServer server = ModelServers.mockWebServer();

    public ModelServerScript(Function<String, MockResponse> chat, String... served) throws IOException {
        StringBuilder list = new StringBuilder("{\"object\":\"list\",\"data\":[");
        for (int i = 0; i < served.length; i++) {
            list.append(i > 0 ? "," : "").append("{\"id\":\"").append(served[i])
                    .append("\",\"object\":\"model\",\"owned_by\":\"vllm\"}");
        }
        String models = list.append("]}").toString();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                if (request.getMethod().equals("GET") && path.equals("/v1/models")) {
                    return json(200, models);
                }
                if (request.getMethod().equals("POST") && path.equals("/v1/chat/completions")) {
                    String body = request.getBody() == null ? "" : request.getBody().utf8();
                    if (!body.contains("\"model\"")) {
                        return json(400, "{\"object\":\"error\",\"message\":\"Field required: model\",\"code\":400}");
                    }
                    for (String m : served) {
                        if (body.contains("\"" + m + "\"")) {
                            return chat.apply(m);
                        }
                    }
                    return json(404, "{\"object\":\"error\",\"message\":\"The model does not exist.\",\"code\":404}");
                }
                return json(404, "{\"detail\":\"Not Found\"}");
            }
        });
        server.start();
    }

    /** A server whose chat answers every model it serves with a one-token completion. */
    public static ModelServerScript answering(String... served) throws IOException {
        return new ModelServerScript(m -> json(200, "{\"id\":\"chatcmpl-7\",\"object\":\"chat.completion\",\"created\":1700000000,"
                + "\"model\":\"" + m + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"OK\"},"
                + "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":14,\"completion_tokens\":1,\"total_tokens\":15}}"),
                served);
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
