export const reportingLoaders = {};
