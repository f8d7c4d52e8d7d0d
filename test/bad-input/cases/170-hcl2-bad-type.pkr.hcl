variable "names" {
  type = list
}
