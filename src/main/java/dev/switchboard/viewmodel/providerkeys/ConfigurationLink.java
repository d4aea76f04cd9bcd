package dev.switchboard.viewmodel.providerkeys;

/** An access-key configuration named on this page, with the id to open it on the Access keys page. */
public record ConfigurationLink(String id, String name) {
    public String label() {
        return name == null || name.isBlank() ? id : name;
    }
}
