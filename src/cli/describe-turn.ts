/** The `--debug` lines under a turn: how it was understood, and where the conversation stands. */
import type { TurnOutput } from '../core/turn.js';

export function describeTurn(output: TurnOutput): string {
  const lines: string[] = [];
  const { trace, view } = output;
  if (trace) {
    const ranked = trace.intents.map((intent) => `${intent.name} ${intent.confidence.toFixed(2)}`).join(', ') || 'none';
    lines.push(`  understood: ${trace.topIntent ?? '(nothing)'}   ranked: ${ranked}   by ${trace.provider} in ${trace.latencyMs.toFixed(2)} ms`);
    if (trace.route) {
      const { route } = trace;
      const chosen = `${route.strategy} by ${route.rule}${route.variant ? ` (variant ${route.variant})` : ''}, threshold ${route.threshold.toFixed(2)}`;
      lines.push(`  routed:     ${chosen}: ${route.reason}${route.shadows?.length ? `; shadows: ${route.shadows.join(', ')}` : ''}`);
    }
    if (trace.expecting?.slot) lines.push(`  read for:   ${trace.expecting.slot} (${trace.expecting.slotType})`);
    if (trace.entities.length) {
      lines.push(`  entities:   ${trace.entities.map((entity) => `${entity.slot ?? entity.type}=${JSON.stringify(entity.value)} ("${entity.text}")`).join(', ')}`);
    }
  }
  const slots = Object.entries(view.slots).map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(' ') || '-';
  lines.push(`  state:      dialog=${view.dialog ?? '-'} awaiting=${view.awaiting ?? '-'} slots: ${slots}${view.handoff ? ` handoff=${view.handoff.queue}` : ''}${view.ended ? ' ended' : ''}`);
  return lines.join('\n');
}
