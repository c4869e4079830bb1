// Lambda entry for the 'pos' route group; see shared/routes.ts.
export const handler = async () => ({ statusCode: 501 });
