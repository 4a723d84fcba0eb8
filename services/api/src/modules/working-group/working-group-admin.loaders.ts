export const workingGroupAdminLoaders = {};
