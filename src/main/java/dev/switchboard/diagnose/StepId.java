package dev.switchboard.diagnose;

/** The steps a diagnosis walks, in the order the gateway takes them. */
public enum StepId {
    KEY(1, "Access key"),
    ACCESS(2, "Provider, model and access"),
    ROUTING(3, "Routing and provider keys"),
    PROVIDER(4, "Base URL and API surface"),
    REACHABLE(5, "Reachable from this machine"),
    MODEL_SERVER(6, "The model server knows the model"),
    CALL(7, "A real call through the gateway");

    private final int number;
    private final String title;

    StepId(int number, String title) {
        this.number = number;
        this.title = title;
    }

    public int number() {
        return number;
    }

    public String title() {
        return title;
    }
}
