export const pledgeLifecycleLoaders = {};
