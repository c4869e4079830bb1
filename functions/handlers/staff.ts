// Lambda entry for the 'staff' route group; see shared/routes.ts.
export const handler = async () => ({ statusCode: 501 });
