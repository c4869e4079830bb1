// Lambda entry for the 'public' route group; see shared/routes.ts.
export const handler = async () => ({ statusCode: 501 });
