// The order's short steps as local activities (contracts/order-fulfilment.ts STEP_SHAPES, patch short-steps-local).
export const STEP_SHAPE = { localSteps: true } as const;
