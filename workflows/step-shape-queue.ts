// Every step of the order through the task queue (the shape before issue 18).
export const STEP_SHAPE = { localSteps: false } as const;
