/**
 * C++ exceptions as a process that dies of one shows them: "terminate called after throwing an
 * instance of 'std::out_of_range'" followed by "what():  <message>" (libstdc++'s verbose
 * terminate handler), and the same class names in ROS/robotics logs. Keyed by the qualified class
 * name. std::runtime_error, std::exception and std::logic_error say nothing by themselves: left out
 * (the what() message, read as the failure's headline, decides). Sources: cppreference "Standard
 * library header <stdexcept>" and <new>, yaml-cpp's exceptions.h, pluginlib's exceptions.hpp,
 * rclcpp's exceptions.hpp, tf2's exceptions.h.
 */
import { m, type PartTable } from '../table.js';

/**
 * A process terminated by a C++ exception of a class no table knows (a library's own
 * `gtsam::IndeterminantLinearSystemException`): an exception in the program that nothing caught,
 * as a Python traceback ending in an unknown class is — at a low weight, so that a known class,
 * a what() message or any other part naming a cause wins.
 */
export const UNCAUGHT_CPP = m('runtime_error/unhandled_exception', 'An uncaught C++ exception', 0.3);

/**
 * glibc's assert(3) failing ("Assertion `cond' failed.", then SIGABRT): the program's own check,
 * read as such (labelling guidance rule 6: an abort with its cause in the text is the cause).
 */
export const C_ASSERT_FAILED = m('runtime_error/assertion_failed', 'A C/C++ assert() failed', 0.6);

export const CPP_EXCEPTIONS: PartTable = {
  'std::bad_alloc': m('resource_error/host_oom', 'Memory allocation failed (std::bad_alloc)', 0.9),
  'std::out_of_range': m('runtime_error/index_error', 'Index or key out of range (std::out_of_range)', 0.9),
  'std::invalid_argument': m('validation_error/invalid_argument', 'An invalid argument (std::invalid_argument)', 0.7),
  'std::length_error': m('runtime_error/value_error', 'A length beyond the maximum (std::length_error)', 0.6),
  'std::bad_any_cast': m('runtime_error/type_error', 'A cast to the wrong type (std::bad_any_cast)', 0.9),
  'std::bad_variant_access': m('runtime_error/type_error', 'A variant read as the wrong type', 0.9),
  'std::bad_cast': m('runtime_error/type_error', 'A cast to the wrong type (std::bad_cast)', 0.9),
  'std::bad_optional_access': m('runtime_error/null_reference', 'An empty optional read', 1),
  'std::filesystem::__cxx11::filesystem_error': m('config_error/file_not_found', 'A filesystem error', 0.6),
  'std::filesystem::filesystem_error': m('config_error/file_not_found', 'A filesystem error', 0.6),
  'boost::bad_any_cast': m('runtime_error/type_error', 'A cast to the wrong type (boost::bad_any_cast)', 0.9),
  'YAML::BadFile': m('config_error/file_not_found', 'A YAML file that cannot be opened', 0.9),
  'YAML::ParserException': m('syntax_error/yaml_syntax', 'YAML that does not parse', 0.9),
  'YAML::InvalidNode': m('config_error/invalid_config', 'A YAML key that is not there', 0.7),
  'YAML::TypedBadConversion': m('validation_error/type_mismatch', 'A YAML value of the wrong type', 0.8),
  'YAML::BadConversion': m('validation_error/type_mismatch', 'A YAML value of the wrong type', 0.8),
  'pluginlib::LibraryLoadException': m('import_error/module_not_found', 'A plugin library or class that cannot be loaded', 0.8),
  'pluginlib::CreateClassException': m('import_error/module_not_found', 'A plugin class that cannot be created', 0.7),
  'class_loader::LibraryLoadException': m('import_error/missing_native_lib', 'A shared library that cannot be loaded', 0.8),
  'rclcpp::exceptions::InvalidParameterTypeException': m('validation_error/type_mismatch', 'A parameter of the wrong type', 1),
  'rclcpp::exceptions::ParameterNotDeclaredException': m('config_error/invalid_config', 'A parameter that was not declared', 0.8),
  'rclcpp::exceptions::ParameterUninitializedException': m(
    'config_error/invalid_config',
    'A required parameter without a value',
    0.9,
  ),
  'rclcpp::exceptions::InvalidParameterValueException': m(
    'validation_error/invalid_argument',
    'A parameter value out of its range',
    0.8,
  ),
  'rclcpp::exceptions::RCLInvalidArgument': m('validation_error/invalid_argument', 'An invalid argument to rcl', 0.6),
  'rclcpp::exceptions::InvalidTopicNameError': m('config_error/invalid_config', 'An invalid topic name', 0.9),
  'rclcpp::exceptions::InvalidNodeNameError': m('config_error/invalid_config', 'An invalid node name', 0.9),
  'tf2::LookupException': m('config_error/invalid_config', 'A TF frame that does not exist', 0.6),
  'tf2::ConnectivityException': m('config_error/invalid_config', 'TF frames that are not connected', 0.6),
  'tf2::ExtrapolationException': m('timeout/deadline_exceeded', 'A TF transform not available at the time asked', 0.5),
};
