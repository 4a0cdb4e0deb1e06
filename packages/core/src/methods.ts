export const METHODS = ['full', 'lora', 'mamba', 'head-only', 'mamba-lora'] as const;

export type Method = (typeof METHODS)[number];

export function isMethod(value: string): value is Method {
  return (METHODS as readonly string[]).includes(value);
}

export const METHOD_LABELS: Record<Method, string> = {
  full: 'BERT full fine-tuning',
  lora: 'BERT + LoRA',
  mamba: 'Mamba + classification head',
  'head-only': 'Frozen backbone + linear head',
  'mamba-lora': 'Mamba + LoRA',
};

/** For verdicts and table cells, where the long label does not fit. */
export const METHOD_SHORT_LABELS: Record<Method, string> = {
  full: 'Full FT',
  lora: 'LoRA',
  mamba: 'Mamba',
  'head-only': 'Head only',
  'mamba-lora': 'Mamba LoRA',
};

export function methodLabel(method: string, form: 'long' | 'short' = 'long'): string {
  if (!isMethod(method)) return method;
  return form === 'long' ? METHOD_LABELS[method] : METHOD_SHORT_LABELS[method];
}

export const LORA_METHODS: readonly Method[] = ['lora', 'mamba-lora'];

export const MAMBA_METHODS: readonly Method[] = ['mamba', 'mamba-lora'];

export function usesLora(method: Method): boolean {
  return LORA_METHODS.includes(method);
}

export function usesMamba(method: Method): boolean {
  return MAMBA_METHODS.includes(method);
}
