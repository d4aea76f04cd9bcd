package dev.switchboard.viewmodel.providers;

import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.pages.EmptyPageViewModel;

/** The Providers page's view-model (an empty state until its feature lands). */
public final class ProvidersViewModel extends EmptyPageViewModel {
    public ProvidersViewModel(AppContext context) {
        super(context);
    }
}
