package dev.switchboard.api;

import java.util.List;

/**
 * One page of {@code GET /usage/requests}, the embedded gateway's extension for the console's Logs
 * page (not in the hosted API): every attempt and every refused request with what the schema's usage
 * events leave out. {@code droppedEvents} counts log rows the gateway could not keep up with since it
 * started (it drops rather than slow requests down).
 */
public record RequestLog(List<UsageEvent> requests, String uri, String nextPageUri, long droppedEvents) {
}
