package dev.switchboard.api;

import java.util.List;

/** A configuration's routing: rules that give each provider (or model) its ordered provider keys. */
public record Router(List<RouterRule> rules) {
}
