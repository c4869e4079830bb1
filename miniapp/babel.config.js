// babel-preset-taro compiles the app and the root `shared/` sources (see compile.include in config/index.ts).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
