variable "name" {
  type     = string
  defualt  = "box"
}
