/** Strings of the orders capability (namespace `orders`). en must match. */
export const ordersZhCN = {};
