package dev.switchboard.viewmodel.accesskeys;

import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.pages.EmptyPageViewModel;

/** The AccessKeys page's view-model (an empty state until its feature lands). */
public final class AccessKeysViewModel extends EmptyPageViewModel {
    public AccessKeysViewModel(AppContext context) {
        super(context);
    }
}
