// API token lifetimes: every token expires; 90 days unless its maker says otherwise, at most a year.
export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;
