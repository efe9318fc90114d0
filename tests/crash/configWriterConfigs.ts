import type { ConfigInput } from '../../shared/config.ts';

/**
 * The configs the config crash test writes, one per index, all different and of very different
 * sizes (a rating terminal of a few hundred bytes, ticket dispensers of up to ~15 KB), so a kill
 * often lands in the middle of a write. Shared by the writer child and the test.
 */
export function numberedConfig(index: number): ConfigInput {
  const services = index % 3 === 0 ? 0 : 1 + ((index * 7) % 60);
  return {
    device: {
      id: `crash-w${index % 100}`,
      office: `Office ${index} ${'·'.repeat(index % 150)}`,
      window: String(index % 1000),
      mode: services > 0 ? 'tickets' : 'rating',
    },
    rating: { scale: ([3, 4, 5] as const)[index % 3] ?? 5, cooldownSeconds: index % 600 },
    ...(services > 0
      ? {
          queue: {
            services: Array.from({ length: services }, (_, n) => ({
              id: `service-${n}`,
              prefix: `S${n}`,
              range: [1, 100 + index] as [number, number],
              name: { ru: `Услуга ${n} для записи ${index}`, en: `Service ${n} of write ${index}` },
              bring: { ru: 'Паспорт и заявление, заполненное заранее', en: 'Passport and a form filled in beforehand' },
            })),
          },
        }
      : {}),
  };
}
