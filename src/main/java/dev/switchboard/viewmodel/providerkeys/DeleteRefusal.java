package dev.switchboard.viewmodel.providerkeys;

import java.util.List;

/** The gateway refused to delete a key (409) because these configurations still route through it. */
public record DeleteRefusal(ProviderKeyRow row, List<ConfigurationLink> configurations) {
    public DeleteRefusal {
        configurations = List.copyOf(configurations);
    }

    /** A sentence for the dialog above the links. */
    public String message() {
        String what = configurations.size() == 1 ? "This configuration routes" : "These " + configurations.size()
                + " configurations route";
        if (configurations.isEmpty()) {
            return "The gateway says configurations still route through '" + row.name()
                    + "'. Remove the key from their routing, then delete it.";
        }
        return what + " through '" + row.name() + "'. Remove the key from " + (configurations.size() == 1 ? "its" : "their")
                + " routing (Access keys → Configurations → Routing), then delete it.";
    }
}
