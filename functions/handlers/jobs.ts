// Lambda entry for the 'jobs' route group; see shared/routes.ts.
export const handler = async () => ({ statusCode: 501 });
