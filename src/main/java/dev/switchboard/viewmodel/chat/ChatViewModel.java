package dev.switchboard.viewmodel.chat;

import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.pages.EmptyPageViewModel;

/** The Chat page's view-model (an empty state until its feature lands). */
public final class ChatViewModel extends EmptyPageViewModel {
    public ChatViewModel(AppContext context) {
        super(context);
    }
}
