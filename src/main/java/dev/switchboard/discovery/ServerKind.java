package dev.switchboard.discovery;

/** The kinds of model server the scan can tell apart, with the port each listens on by default. */
public enum ServerKind {
    OLLAMA("Ollama", 11434, "ollama"),
    LM_STUDIO("LM Studio", 1234, "lmstudio"),
    VLLM("vLLM", 8000, "vllm"),
    LLAMA_CPP("llama.cpp server", 8080, "llamacpp"),
    OPENAI_COMPATIBLE("OpenAI-compatible server", -1, "server");

    private final String displayName;
    private final int defaultPort;
    private final String slug;

    ServerKind(String displayName, int defaultPort, String slug) {
        this.displayName = displayName;
        this.defaultPort = defaultPort;
        this.slug = slug;
    }

    public String displayName() {
        return displayName;
    }

    /** The port the server listens on out of the box, or -1 when there is no usual one. */
    public int defaultPort() {
        return defaultPort;
    }

    /** A providerId to suggest for a server of this kind, e.g. {@code my-ollama}. */
    public String suggestedProviderId() {
        return "my-" + slug;
    }

    /** The kind whose default port this is; {@link #OPENAI_COMPATIBLE} when none. */
    public static ServerKind byDefaultPort(int port) {
        for (ServerKind kind : values()) {
            if (kind.defaultPort == port) {
                return kind;
            }
        }
        return OPENAI_COMPATIBLE;
    }
}
