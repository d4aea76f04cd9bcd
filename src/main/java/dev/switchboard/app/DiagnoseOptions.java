package dev.switchboard.app;

import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.Surface;
import java.util.List;
import java.util.Map;

/** The options of {@code switchboard diagnose}. {@link #toString()} never shows the token or the API key. */
record DiagnoseOptions(String model, String token, String keyId, Surface surface, String gateway, String dataPlane,
                       String apiKey, String dataDir, boolean json, boolean help) {

    static DiagnoseOptions parse(String[] args, Map<String, String> env) {
        String model = null, token = null, keyId = null, gateway = null, dataPlane = null, apiKey = null, data = null;
        Surface surface = Surface.CHAT_COMPLETIONS;
        boolean json = false, help = false, seenCommand = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String flag = a.contains("=") && a.startsWith("--") ? a.substring(0, a.indexOf('=')) : a;
            boolean inline = !flag.equals(a);
            switch (flag) {
                case "--help", "-h" -> help = true;
                case "--json" -> json = true;
                case "--model" -> model = inline ? after(a) : value(args, ++i, flag);
                case "--token" -> token = inline ? after(a) : value(args, ++i, flag);
                case "--key-id" -> keyId = inline ? after(a) : value(args, ++i, flag);
                case "--surface" -> surface = surface(inline ? after(a) : value(args, ++i, flag));
                case "--gateway" -> gateway = inline ? after(a) : value(args, ++i, flag);
                case "--data-plane" -> dataPlane = inline ? after(a) : value(args, ++i, flag);
                case "--api-key" -> apiKey = inline ? after(a) : value(args, ++i, flag);
                case "--data" -> data = inline ? after(a) : value(args, ++i, flag);
                default -> {
                    if (a.equals(DiagnoseCommand.NAME) && !seenCommand) {
                        seenCommand = true;
                    } else {
                        throw new IllegalArgumentException(a.startsWith("-") ? "unknown option '" + a + "'"
                                : "unexpected argument '" + a + "'");
                    }
                }
            }
        }
        if (help) {
            return new DiagnoseOptions(null, null, null, surface, null, null, null, data, json, true);
        }
        if (gateway == null && (apiKey != null || dataPlane != null)) {
            throw new IllegalArgumentException("--api-key and --data-plane go with --gateway URL");
        }
        token = token != null ? token : blankToNull(env.get(DiagnoseCommand.TOKEN_ENV));
        apiKey = apiKey != null ? apiKey : blankToNull(env.get(DiagnoseCommand.API_KEY_ENV));
        if (model == null) {
            throw new IllegalArgumentException("--model provider:model is required");
        }
        if (token == null && keyId == null) {
            throw new IllegalArgumentException("name the access key: --token T (or $" + DiagnoseCommand.TOKEN_ENV
                    + ") or --key-id aigk_…");
        }
        if (gateway != null) {
            if (apiKey == null) {
                throw new IllegalArgumentException("--gateway needs --api-key K (or $" + DiagnoseCommand.API_KEY_ENV + ")");
            }
            if (dataPlane == null) {
                dataPlane = gateway.replaceAll("/+$", "").equals(GatewayClient.HOSTED_CONTROL_PLANE)
                        ? GatewayClient.HOSTED_DATA_PLANE : gateway;
            }
        }
        return new DiagnoseOptions(model, token, keyId, surface, gateway, dataPlane, apiKey, data, json, false);
    }

    private static Surface surface(String name) {
        try {
            return Surface.fromApiName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--surface must be one of " + String.join(", ", DiagnoseCommand.SURFACES)
                    + " (got '" + name + "')");
        }
    }

    private static String after(String a) {
        return a.substring(a.indexOf('=') + 1);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String usage() {
        return String.join(System.lineSeparator(), List.of(
                "Usage: switchboard diagnose --model provider:model [--token T | --key-id ID]",
                "                            [--surface chat-completions|responses|messages]",
                "                            [--gateway URL --api-key K [--data-plane URL]] [--data DIR] [--json]",
                "",
                "Walks every step the gateway takes for a call, from the access key to the model server, then makes",
                "one real one-token call, and says which step fails, why, and what to do.",
                "",
                "  --model P:M        the provider:model to diagnose",
                "  --token T          the access key's token (or $" + DiagnoseCommand.TOKEN_ENV + ")",
                "  --key-id ID        the access key's id (aigk_…); its token is taken from the console's kept tokens",
                "  --surface S        the surface the client calls (default chat-completions)",
                "  --gateway URL      a gateway's control plane (e.g. https://api.ngrok.ai); default: the embedded",
                "                     gateway of the data folder (the running one, else one started for the check)",
                "  --api-key K        the control plane's API key (or $" + DiagnoseCommand.API_KEY_ENV + ")",
                "  --data-plane URL   the data plane, when it is not at the --gateway URL (hosted: gateway.ngrok.ai)",
                "  --data DIR         the data folder (default: $" + DataFolder.ENV_VAR + ", else the per-user folder)",
                "  --json             print the diagnosis as one JSON object",
                "",
                "Exit status: 0 the call works, 1 a step fails, 2 bad usage.",
                ""));
    }

    @Override
    public String toString() {
        return "DiagnoseOptions[model=" + model + ", keyId=" + keyId + ", token=" + (token == null ? "none" : "<hidden>")
                + ", surface=" + surface + ", gateway=" + gateway + ", apiKey=" + (apiKey == null ? "none" : "<hidden>") + "]";
    }
}
