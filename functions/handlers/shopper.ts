// Lambda entry for the 'shopper' route group; see shared/routes.ts.
export const handler = async () => ({ statusCode: 501 });
