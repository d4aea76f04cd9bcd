package dev.switchboard.viewmodel.logs;

import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.pages.EmptyPageViewModel;

/** The Logs page's view-model (an empty state until its feature lands). */
public final class LogsViewModel extends EmptyPageViewModel {
    public LogsViewModel(AppContext context) {
        super(context);
    }
}
