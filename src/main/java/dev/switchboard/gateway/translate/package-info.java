/**
 * Cross-surface translation: a client on one surface (Chat Completions, Responses, Messages) served by a
 * provider that speaks another. One adapter per pair, each a small table of mappings with golden-file tests
 * under {@code src/test/resources/translate/<client>-via-<upstream>/}:
 *
 * <table>
 *   <caption>Adapters</caption>
 *   <tr><th>client</th><th>upstream</th><th>adapter</th></tr>
 *   <tr><td>messages</td><td>chat-completions</td><td>{@code MessagesViaChat}</td></tr>
 *   <tr><td>responses</td><td>chat-completions</td><td>{@code ResponsesViaChat}</td></tr>
 *   <tr><td>chat-completions</td><td>messages</td><td>{@code ChatViaMessages}</td></tr>
 *   <tr><td>chat-completions</td><td>responses</td><td>{@code ChatViaResponses}</td></tr>
 *   <tr><td>responses</td><td>messages</td><td>{@code ResponsesViaChat} then {@code ChatViaMessages}</td></tr>
 *   <tr><td>messages</td><td>responses</td><td>{@code MessagesViaChat} then {@code ChatViaResponses}</td></tr>
 * </table>
 *
 * <p>Main field mappings (Messages ⇄ Chat): {@code system} ⇄ system message; {@code tool_use} ⇄ {@code tool_calls};
 * {@code tool_result} ⇄ {@code role=tool}; {@code input_schema} ⇄ {@code function.parameters};
 * {@code stop_sequences} ⇄ {@code stop}; {@code tool_choice} any ⇄ required; {@code metadata.user_id} ⇄ {@code user};
 * stop reasons end_turn ⇄ stop, max_tokens ⇄ length, tool_use ⇄ tool_calls, refusal ⇄ content_filter;
 * usage input/output ⇄ prompt/completion tokens (Chat's prompt tokens include cached ones, Messages' do not).
 * Responses → Chat: {@code instructions} → system message, {@code input} items → messages ({@code function_call}
 * joins the assistant message before it, {@code function_call_output} → {@code role=tool}), flat function tools →
 * nested ones, {@code max_output_tokens} → {@code max_tokens}, {@code text.format} → {@code response_format}.
 *
 * <p>What a surface cannot express is either dropped and reported ({@link
 * dev.switchboard.gateway.upstream.SurfaceAdapter#droppedParams()}, recorded in the attempt's usage record) when
 * the answer stays right without it (e.g. {@code top_k}, {@code cache_control}, {@code seed}), or refused with a
 * {@link dev.switchboard.gateway.translate.TranslationException} naming the field when it would not (e.g. a
 * document block, a hosted tool, {@code previous_response_id}, {@code n > 1}).
 */
package dev.switchboard.gateway.translate;
